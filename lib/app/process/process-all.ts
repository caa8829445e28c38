import pLimit from 'p-limit';
import type { ProcessDeps, ProcessOutcome } from './process-cluster';
import { processCluster } from './process-cluster';
import { isDue } from './due';
import { rfc3339 } from '../../core/engine';
import { emptyStats } from '../../core/stats';
import type { RunSummary } from '../cluster';

function failedRun(now: number, error: string): RunSummary {
  return { startedAt: rfc3339(now), durationMs: 0, objects: { done: 0, failed: 0, skipped: 0, retried: 0, pendingLeft: 0 }, stats: emptyStats(), namespacesChanged: 0, queued: [], error };
}

/** `{"clusters": [...], "force": true}` runs the named (or all) clusters now. */
export interface ProcessRequest {
  readonly clusters?: readonly string[];
  readonly force?: boolean;
}

export interface ClusterResult {
  readonly cluster: string;
  readonly outcome: ProcessOutcome | { readonly ran: false; readonly reason: 'notDue' | 'outOfTime' } | { readonly ran: false; readonly reason: 'error'; readonly error: string };
}

/**
 * The scheduled entry: every cluster whose interval has elapsed (or the forced ones), a bounded
 * number at a time, each isolated: one cluster's failure is recorded and never stops the others.
 */
export async function processAll(request: ProcessRequest, deps: ProcessDeps, parallelism: number): Promise<ClusterResult[]> {
  const clusters = await deps.store.listClusters();
  const wanted = request.clusters ? new Set(request.clusters) : undefined;
  const limit = pLimit(parallelism);
  const now = deps.clock.now();
  const jobs = clusters
    .filter((c) => !wanted || wanted.has(c.value.id))
    .map((c) =>
      limit(async (): Promise<ClusterResult> => {
        const id = c.value.id;
        if (!request.force) {
          const scope = await deps.store.getScope(id);
          if (!isDue(c.value.lastRun?.startedAt, scope?.value.interval, now)) return { cluster: id, outcome: { ran: false, reason: 'notDue' } };
        }
        if (deps.budget.remainingMs() <= deps.limits.timeMarginMs) return { cluster: id, outcome: { ran: false, reason: 'outOfTime' } };
        try {
          return { cluster: id, outcome: await processCluster(id, deps) };
        } catch (err) {
          const error = (err as Error).message;
          // Best effort: the store itself may be what failed.
          await deps.store.updateClusterStatus(id, { lastRun: failedRun(now, error) }).catch(() => undefined);
          return { cluster: id, outcome: { ran: false, reason: 'error', error } };
        }
      }),
    );
  return Promise.all(jobs);
}
