import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ClusterResult } from '../app/process/process-all';
import type { ClusterPushResult } from '../app/push/push-all';
import type { IndexResult } from '../app/index-objects';
import type { DispatchResult } from '../app/jobs/dispatch';
import type { ProcessAnswer } from '../app/process/entry';
import type { PushAnswer } from '../app/push/entry';
import { loadObservabilityConfig } from '../config/observability';
import { processEnv } from '../config/env';

const config = loadObservabilityConfig(processEnv());

/**
 * The project's metrics, in CloudWatch embedded metric format (Powertools Metrics): one EMF
 * line per invocation, flushed by the `logMetrics` middleware. Names are what infra/alarms.yml
 * alarms on; the only dimension is `service`.
 */
export const metrics = new Metrics({ namespace: config.metricsNamespace, serviceName: config.serviceName });

type Unit = (typeof MetricUnit)[keyof typeof MetricUnit];

export interface MetricSink {
  addMetric(name: string, unit: Unit, value: number): void;
}

export function recordIndexMetrics(sink: MetricSink, result: IndexResult): void {
  sink.addMetric('ObjectsIndexed', MetricUnit.Count, result.recorded);
  sink.addMetric('ObjectsIgnored', MetricUnit.Count, result.ignored);
}

/** Processing: records read/used/rejected, namespaces changed, objects still pending, failed clusters. */
export function recordProcessMetrics(sink: MetricSink, results: readonly ClusterResult[], durationMs: number): void {
  let read = 0,
    used = 0,
    rejected = 0,
    changed = 0,
    pending = 0,
    objects = 0,
    failed = 0;
  for (const r of results) {
    if (r.outcome.ran) {
      const s = r.outcome.summary;
      read += s.stats.recordsRead;
      used += s.stats.recordsUsed;
      rejected += Object.values(s.stats.rejected).reduce((a, b) => a + (b ?? 0), 0);
      changed += s.namespacesChanged;
      pending += s.objects.pendingLeft;
      objects += s.objects.done;
      if (s.error !== undefined) failed++;
    } else if (r.outcome.reason === 'error') failed++;
  }
  sink.addMetric('RecordsRead', MetricUnit.Count, read);
  sink.addMetric('RecordsUsed', MetricUnit.Count, used);
  sink.addMetric('RecordsRejected', MetricUnit.Count, rejected);
  sink.addMetric('NamespacesChanged', MetricUnit.Count, changed);
  sink.addMetric('ObjectsRead', MetricUnit.Count, objects);
  sink.addMetric('ObjectsPending', MetricUnit.Count, pending);
  sink.addMetric('ProcessFailed', MetricUnit.Count, failed);
  sink.addMetric('ProcessRunDuration', MetricUnit.Milliseconds, durationMs);
}

/** Push: objects applied and deleted, clusters pushed and failed. */
export function recordPushMetrics(sink: MetricSink, results: readonly ClusterPushResult[], durationMs: number): void {
  let applied = 0,
    deleted = 0;
  for (const r of results) {
    applied += r.summary?.applied ?? 0;
    deleted += r.summary?.deleted ?? 0;
  }
  sink.addMetric('PushApplied', MetricUnit.Count, applied);
  sink.addMetric('PushDeleted', MetricUnit.Count, deleted);
  sink.addMetric('PushSucceeded', MetricUnit.Count, results.filter((r) => r.outcome === 'pushed').length);
  sink.addMetric('PushFailed', MetricUnit.Count, results.filter((r) => r.outcome === 'failed').length);
  sink.addMetric('PushRunDuration', MetricUnit.Milliseconds, durationMs);
}

/** DynamoDB capacity units an invocation consumed (the difference of a CapacityMeter's readings). */
export function recordCapacityMetric(sink: MetricSink, units: number): void {
  sink.addMetric('DynamoDbCapacityUnits', MetricUnit.Count, Math.round(units * 10) / 10);
}

/** A tick's dispatch: clusters handed to their own invocation, and jobs found dead. */
function recordDispatch(sink: MetricSink, prefix: 'Process' | 'Push', dispatch: DispatchResult): void {
  sink.addMetric(`${prefix}JobsDispatched`, MetricUnit.Count, dispatch.dispatched.length);
  sink.addMetric(`${prefix}JobsDead`, MetricUnit.Count, dispatch.deadJobs.length);
  sink.addMetric(`${prefix}DispatchFailed`, MetricUnit.Count, dispatch.failed.length);
}

/** What a processFlows invocation did: a tick's dispatch, a manual run's clusters or one job's cluster. */
export function recordProcessAnswer(sink: MetricSink, answer: ProcessAnswer, durationMs: number): void {
  if ('dispatch' in answer) return recordDispatch(sink, 'Process', answer.dispatch);
  if ('results' in answer) return recordProcessMetrics(sink, answer.results, durationMs);
  const job = answer.job;
  const outcome: ClusterResult['outcome'] = job.ran ? job.value : job.reason === 'error' ? { ran: false, reason: 'error', error: job.error } : { ran: false, reason: 'busy' };
  recordProcessMetrics(sink, [{ cluster: '', outcome }], durationMs);
}

/** What a pushPolicies invocation did. Deletion jobs count as neither pushed nor failed. */
export function recordPushAnswer(sink: MetricSink, answer: PushAnswer, durationMs: number): void {
  if ('dispatch' in answer) return recordDispatch(sink, 'Push', answer.dispatch);
  if ('results' in answer) return recordPushMetrics(sink, answer.results, durationMs);
  const job = answer.job;
  const results = job.ran && 'summary' in job.value ? [job.value] : job.ran ? [] : job.reason === 'error' ? [{ cluster: '', outcome: 'failed' as const }] : [];
  recordPushMetrics(sink, results, durationMs);
}
