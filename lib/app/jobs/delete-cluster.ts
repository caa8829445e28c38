import type { Clock } from '../../core/engine';
import type { Cluster } from '../cluster';
import type { PublisherFactory } from '../push/ports';
import { describeError } from '../errors';
import { purgeCluster } from '../push/purge';
import type { ClusterStore, LeaseStore } from '../store';

export interface DeletionDeps {
  readonly store: ClusterStore & LeaseStore;
  readonly publishers: PublisherFactory;
  /** Lease owner (the job's dispatch id). */
  readonly owner: string;
  readonly clock: Clock;
  readonly remainingMs: () => number;
  readonly leaseSeconds: number;
  /** No new page of items is deleted with less time left. */
  readonly timeMarginMs: number;
}

export type DeletionOutcome = 'deleted' | 'in-progress' | 'busy' | 'purge-failed';

/** Items removed per request round: small enough to stay well inside any time budget. */
const PAGE = 500;
const JOBS = ['process', 'push'] as const;

/**
 * The background half of `DELETE /clusters/{id}`: under both job leases (so no processing run or
 * push writes meanwhile), purge our objects from the cluster when asked, then remove the cluster's
 * items page by page within the time budget; the registration goes last. Resumes where it stopped.
 */
export async function deleteClusterState(deps: DeletionDeps, cluster: Cluster): Promise<DeletionOutcome> {
  const deleting = cluster.deleting;
  if (!deleting) return 'in-progress';
  const held: string[] = [];
  try {
    for (const job of JOBS) {
      if (!(await deps.store.acquireLease(cluster.id, job, deps.owner, deps.clock.now(), deps.leaseSeconds))) return 'busy';
      held.push(job);
    }
    if (deleting.purge && !deleting.purged) {
      try {
        await purgeCluster(deps.publishers, cluster);
      } catch (err) {
        // Visible on the cluster; retried by the next job. DELETE without purge gives up on it.
        await deps.store.markDeleting(cluster.id, { ...deleting, error: describeError(err) });
        return 'purge-failed';
      }
      const { error: _error, ...rest } = deleting;
      await deps.store.markDeleting(cluster.id, { ...rest, purged: true });
    }
    while (deps.remainingMs() > deps.timeMarginMs) {
      if ((await deps.store.deleteClusterItems(cluster.id, PAGE)).done) {
        held.length = 0; // the leases went with the items
        return 'deleted';
      }
    }
    return 'in-progress';
  } finally {
    for (const job of held) await deps.store.releaseLease(cluster.id, job, deps.owner).catch(() => undefined);
  }
}
