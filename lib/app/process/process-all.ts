import pLimit from 'p-limit';
import type { ProcessDeps, ProcessOutcome } from './process-cluster';
import { processCluster } from './process-cluster';
import type { RunSummary } from '../cluster';
import { failedJobSummary } from '../jobs/dead-job';
import { intervalOf, jobState } from '../jobs/due';

/** `{"clusters": [...], "force": true}` runs the named (or all) clusters now. */
export interface ProcessRequest {
  readonly clusters?: readonly string[];
  readonly force?: boolean;
}

export interface ClusterResult {
  readonly cluster: string;
  readonly outcome:
    ProcessOutcome | { readonly ran: false; readonly reason: 'notDue' | 'backoff' | 'outOfTime' } | { readonly ran: false; readonly reason: 'error'; readonly error: string };
}

/**
 * A manual processFlows run in this invocation: every named (or registered) cluster that is due
 * (or all of them when forced), a bounded number at a time, each isolated: one cluster's failure
 * is recorded and never stops the others. Scheduled runs fan out instead (jobs/dispatch.ts).
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
          const state = jobState(c.value.lastRun, intervalOf((await deps.store.getScope(id))?.value), now);
          if (state !== 'due') return { cluster: id, outcome: { ran: false, reason: state === 'backoff' ? 'backoff' : 'notDue' } };
        }
        if (deps.budget.remainingMs() <= deps.limits.timeMarginMs) return { cluster: id, outcome: { ran: false, reason: 'outOfTime' } };
        try {
          return { cluster: id, outcome: await processCluster(id, deps) };
        } catch (err) {
          const error = (err as Error).message;
          // Best effort: the store itself may be what failed.
          await deps.store.updateClusterStatus(id, { lastRun: failedJobSummary('process', c.value, now, deps.clock.now(), error) as RunSummary }).catch(() => undefined);
          return { cluster: id, outcome: { ran: false, reason: 'error', error } };
        }
      }),
    );
  return Promise.all(jobs);
}
