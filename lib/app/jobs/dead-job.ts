import { rfc3339 } from '../../core/engine';
import { emptyStats } from '../../core/stats';
import type { Cluster, PushSummary, RunSummary } from '../cluster';
import { failureBookkeeping } from './due';
import type { JobKind, JobMarker } from './marker';

const ZERO_OBJECTS = { done: 0, failed: 0, skipped: 0, retried: 0, pendingLeft: 0 };

/** The summary recorded for a job that failed before it could record its own. */
export function failedJobSummary(kind: JobKind, cluster: Cluster, startedAt: number, now: number, error: string): RunSummary | PushSummary {
  const common = { startedAt: rfc3339(startedAt), durationMs: Math.max(0, now - startedAt) * 1000, error };
  if (kind === 'process') {
    const previous = cluster.lastRun;
    const summary: RunSummary = {
      ...common,
      objects: { ...ZERO_OBJECTS, pendingLeft: previous?.objects.pendingLeft ?? 0 },
      stats: emptyStats(),
      namespacesChanged: 0,
      queued: [],
      ...failureBookkeeping(previous, true, now),
    };
    return summary;
  }
  const previous = cluster.lastPush;
  const summary: PushSummary = { ...common, applied: 0, deleted: 0, adopted: 0, runCount: (previous?.runCount ?? 0) + 1, ...failureBookkeeping(previous, true, now) };
  return summary;
}

/** A running job whose deadline passed: it was killed, ran out of memory or timed out. */
export function deadJobSummary(kind: JobKind, cluster: Cluster, marker: JobMarker, now: number): RunSummary | PushSummary {
  const error = `the ${kind} job started at ${rfc3339(marker.at)} ended without recording a result (killed, out of memory or timed out)`;
  return failedJobSummary(kind, cluster, marker.at, now, error);
}
