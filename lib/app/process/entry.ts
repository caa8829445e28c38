import { dispatchDue, type DispatchResult } from '../jobs/dispatch';
import type { Invocation } from '../jobs/invocation';
import type { JobInvoker } from '../jobs/marker';
import { runJob, type JobOutcome } from '../jobs/run-job';
import { processAll, type ClusterResult } from './process-all';
import { processCluster, type ProcessDeps, type ProcessOutcome } from './process-cluster';

export interface ProcessEntryDeps extends ProcessDeps {
  readonly invoker: JobInvoker;
  readonly newId: () => string;
  readonly jobs: { readonly timeoutSeconds: number; readonly dispatchTtlSeconds: number; readonly dispatchParallelism: number };
  /** Clusters run at the same time by a manual invocation. */
  readonly parallelism: number;
}

export type ProcessAnswer = { readonly dispatch: DispatchResult } | { readonly results: ClusterResult[] } | { readonly job: JobOutcome<ProcessOutcome> };

/** processFlows: a tick dispatches, a manual invocation runs its clusters here, a job runs one cluster. */
export async function handleProcessInvocation(invocation: Invocation, deps: ProcessEntryDeps): Promise<ProcessAnswer> {
  switch (invocation.kind) {
    case 'tick':
      return {
        dispatch: await dispatchDue('process', {
          store: deps.store,
          invoker: deps.invoker,
          clock: deps.clock,
          newId: deps.newId,
          settings: { parallelism: deps.jobs.dispatchParallelism, dispatchTtlSeconds: deps.jobs.dispatchTtlSeconds },
        }),
      };
    case 'manual':
      return { results: await processAll({ clusters: invocation.clusters, force: invocation.force }, deps, deps.parallelism) };
    case 'job': {
      const jobDeps = { store: deps.store, invoker: deps.invoker, clock: deps.clock, newId: deps.newId, jobTimeoutSeconds: deps.jobs.timeoutSeconds, dispatchTtlSeconds: deps.jobs.dispatchTtlSeconds };
      // The lease owner is the dispatch: a follow-up job is a new owner, as it is a new run.
      const job = await runJob('process', invocation.job, jobDeps, async () => {
        const outcome = await processCluster(invocation.job.cluster, { ...deps, runId: invocation.job.dispatch });
        return { value: outcome, more: outcome.ran && outcome.more };
      });
      return { job };
    }
  }
}
