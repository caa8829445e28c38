import { deleteClusterState, type DeletionOutcome } from '../jobs/delete-cluster';
import { dispatchDue, type DispatchResult } from '../jobs/dispatch';
import type { Invocation } from '../jobs/invocation';
import type { JobInvoker, JobsSettings } from '../jobs/marker';
import { runJob, type JobOutcome } from '../jobs/run-job';
import { pushAll, pushOne, type ClusterPushResult, type PushAllDeps, type PushAllSettings } from './push-all';

export interface PushEntryDeps extends PushAllDeps {
  readonly invoker: JobInvoker;
  readonly newId: () => string;
  readonly jobs: JobsSettings;
  readonly settings: PushAllSettings;
}

export interface InvocationContext {
  /** Unique per invocation (the Lambda request id): the lease owner of a manual run. */
  readonly owner: string;
  readonly remainingMs: () => number;
}

export type PushJobResult = ClusterPushResult | { readonly cluster: string; readonly outcome: DeletionOutcome };
export type PushAnswer = { readonly dispatch: DispatchResult } | { readonly results: ClusterPushResult[] } | { readonly job: JobOutcome<PushJobResult> };

/**
 * pushPolicies: a tick dispatches, a manual invocation pushes its clusters here, a job pushes one
 * cluster — or, for a cluster being unregistered, removes its state (continuing in follow-ups).
 */
export async function handlePushInvocation(invocation: Invocation, deps: PushEntryDeps, context: InvocationContext): Promise<PushAnswer> {
  switch (invocation.kind) {
    case 'tick':
      return { dispatch: await dispatchDue('push', deps) };
    case 'manual':
      return { results: await pushAll(deps, { clusters: invocation.clusters, force: invocation.force, ...context }, deps.settings) };
    case 'job': {
      const { cluster: id, dispatch } = invocation.job;
      const job = await runJob<PushJobResult>('push', invocation.job, deps, async () => {
        const cluster = (await deps.store.getCluster(id))?.value;
        if (cluster?.deleting) {
          const outcome = await deleteClusterState(
            {
              store: deps.store,
              publishers: deps.publishers,
              owner: dispatch,
              clock: deps.clock,
              remainingMs: context.remainingMs,
              leaseSeconds: deps.settings.leaseSeconds,
              timeMarginMs: deps.settings.timeMarginMs,
            },
            cluster,
          );
          return { value: { cluster: id, outcome }, more: outcome === 'in-progress' };
        }
        // A tick dispatched it because it was due: push it as such (the lease keeps runs apart).
        return { value: await pushOne(deps, id, { force: false, owner: dispatch, remainingMs: context.remainingMs }, deps.settings), more: false };
      });
      return { job };
    }
  }
}
