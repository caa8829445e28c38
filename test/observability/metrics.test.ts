import { describe, expect, it } from 'vitest';
import type { ClusterResult } from '../../lib/app/process/process-all';
import type { ClusterPushResult } from '../../lib/app/push/push-all';
import { recordProcessMetrics, recordPushMetrics, type MetricSink } from '../../lib/observability/metrics';

/** The metric names are what infra/alarms.yml alarms on; the values sum over a run's clusters. */
function sink(): MetricSink & { values: Record<string, [string, number]> } {
  const values: Record<string, [string, number]> = {};
  return { values, addMetric: (name, unit, value) => void (values[name] = [unit, value]) };
}

const summary = (pendingLeft: number, stats: { read: number; used: number; rejected: number }) => ({
  startedAt: '2026-09-01T12:00:00Z',
  durationMs: 10,
  objects: { done: 3, failed: 0, skipped: 0, retried: 0, pendingLeft },
  stats: { recordsRead: stats.read, recordsUsed: stats.used, recordsWithoutPolicyInfo: 0, rejected: { malformed: stats.rejected }, skipped: {} },
  namespacesChanged: 2,
  queued: [],
});

describe('run metrics', () => {
  it('processing: records read/used/rejected, namespaces changed, objects pending, failures, duration', () => {
    const s = sink();
    const results = [
      { cluster: 'a', outcome: { ran: true, summary: summary(5, { read: 100, used: 90, rejected: 4 }) } },
      { cluster: 'b', outcome: { ran: true, summary: summary(7, { read: 10, used: 1, rejected: 1 }) } },
      { cluster: 'c', outcome: { ran: false, reason: 'error', error: 'boom' } },
      { cluster: 'd', outcome: { ran: false, reason: 'notDue' } },
    ] as unknown as ClusterResult[];
    recordProcessMetrics(s, results, 1234);
    expect(s.values).toEqual({
      RecordsRead: ['Count', 110],
      RecordsUsed: ['Count', 91],
      RecordsRejected: ['Count', 5],
      NamespacesChanged: ['Count', 4],
      ObjectsRead: ['Count', 6],
      ObjectsPending: ['Count', 12],
      ProcessFailed: ['Count', 1],
      ProcessRunDuration: ['Milliseconds', 1234],
    });
  });

  it('push: objects applied and deleted, clusters pushed and failed', () => {
    const s = sink();
    const push = (applied: number, deleted: number) => ({ startedAt: 'x', durationMs: 1, applied, deleted, adopted: 0, consecutiveFailures: 0, runCount: 1 });
    const results: ClusterPushResult[] = [
      { cluster: 'a', outcome: 'pushed', summary: push(3, 1) },
      { cluster: 'b', outcome: 'failed', summary: push(1, 0), error: 'cluster b is unreachable (ECONNREFUSED)' },
      { cluster: 'c', outcome: 'failed', error: 'x' },
      { cluster: 'd', outcome: 'not-due' },
    ];
    recordPushMetrics(s, results, 50);
    expect(s.values).toEqual({
      PushApplied: ['Count', 4],
      PushDeleted: ['Count', 1],
      PushSucceeded: ['Count', 1],
      PushFailed: ['Count', 2],
      PushRunDuration: ['Milliseconds', 50],
    });
  });
});
