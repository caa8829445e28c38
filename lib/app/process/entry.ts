import { dispatchDue, type DispatchResult } from '../jobs/dispatch';
import type { Invocation } from '../jobs/invocation';
import type { JobInvoker, JobsSettings } from '../jobs/marker';
import { runJob, type JobOutcome } from '../jobs/run-job';
import { processAll, type ClusterResult } from './process-all';
import { processCluster, type ProcessDeps, type ProcessOutcome } from './process-cluster';

export interface ProcessEntryDeps extends ProcessDeps {
  readonly invoker: JobInvoker;
  readonly newId: () => string;
  readonly jobs: JobsSettings;
  /** Clusters run at the same time by a manual invocation. */
  readonly parallelism: number;
}

export type ProcessAnswer = { readonly dispatch: DispatchResult } | { readonly results: ClusterResult[] } | { readonly job: JobOutcome<ProcessOutcome> };

/** processFlows: a tick dispatches, a manual invocation runs its clusters here, a job runs one cluster. */
export async function handleProcessInvocation(invocation: Invocation, deps: ProcessEntryDeps): Promise<ProcessAnswer> {
  switch (invocation.kind) {
    case 'tick':
      return { dispatch: await dispatchDue('process', deps) };
    case 'manual':
      return { results: await processAll({ clusters: invocation.clusters, force: invocation.force }, deps, deps.parallelism) };
    case 'job': {
      // The lease owner is the dispatch: a follow-up job is a new owner, as it is a new run.
      const job = await runJob('process', invocation.job, deps, async () => {
        const outcome = await processCluster(invocation.job.cluster, { ...deps, runId: invocation.job.dispatch });
        return { value: outcome, more: outcome.ran && outcome.more };
      });
      return { job };
    }
  }
}
