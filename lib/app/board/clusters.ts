import { defaultScopeSpec } from '../../core/scope';
import { CLUSTER_ID, type Cluster, type FlowLogLocation, type Target } from '../cluster';
import { ClusterNotFoundError, ConcurrentUpdateError } from '../errors';
import { clusterView, type ClusterView } from './cluster-view';
import { ClusterDeletingError, FlowLogLocationConflictError, InvalidInputError, PurgeUnavailableError } from './errors';
import type { BoardDeps } from './ports';
import { checkBucket, checkClusterDomain, checkReach, checkTarget, locationsOverlap, normalizePrefix } from './registration-rules';

export interface ClusterRegistration {
  readonly flowLogs: FlowLogLocation;
  readonly target: Target;
  readonly clusterDomain?: string;
}

const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';

export function checkClusterId(id: string): void {
  if (!CLUSTER_ID.test(id)) throw new InvalidInputError('cluster', 'must be a DNS-1123 label (lowercase letters, digits and "-", at most 63 characters)');
}

export async function listClusters({ store }: BoardDeps): Promise<ClusterView[]> {
  return (await store.listClusters()).map((c) => clusterView(c.value));
}

export async function getCluster({ store }: BoardDeps, id: string): Promise<ClusterView> {
  checkClusterId(id);
  const stored = await store.getCluster(id);
  if (!stored) throw new ClusterNotFoundError(id);
  return clusterView(stored.value);
}

/** Registers a cluster or replaces its registration; job summaries and registeredAt survive updates. */
export async function registerCluster(deps: BoardDeps, id: string, input: ClusterRegistration): Promise<{ created: boolean; cluster: ClusterView }> {
  checkClusterId(id);
  checkBucket(input.flowLogs.bucket);
  const flowLogs = { bucket: input.flowLogs.bucket, prefix: normalizePrefix(input.flowLogs.prefix) };
  checkTarget(input.target);
  checkReach(input.flowLogs, input.target, deps.reach);
  const clusterDomain = input.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN;
  checkClusterDomain(clusterDomain);

  const { store, clock } = deps;
  // Best effort against a simultaneous registration elsewhere: there is no cross-item transaction.
  const other = (await store.listClusters()).find((c) => c.value.id !== id && locationsOverlap(c.value.flowLogs, flowLogs));
  if (other) throw new FlowLogLocationConflictError(id, other.value.id);

  const existing = await store.getCluster(id);
  if (existing?.value.deleting) throw new ClusterDeletingError(id);
  let cluster: Cluster;
  if (existing) {
    const old = existing.value;
    const moved = old.flowLogs.bucket !== flowLogs.bucket || old.flowLogs.prefix !== flowLogs.prefix;
    // Listing progress describes the old location; a new one is listed from the lookback again.
    const { listedUntil, ...kept } = old;
    cluster = { ...kept, ...(moved || listedUntil === undefined ? {} : { listedUntil }), flowLogs, target: input.target, clusterDomain };
    await store.putCluster(cluster, existing.version);
  } else {
    cluster = { id, flowLogs, target: input.target, clusterDomain, registeredAt: clock.now() };
    await store.putCluster(cluster, null);
  }
  await ensureScope(deps, id);
  return { created: !existing, cluster: clusterView(cluster) };
}

async function ensureScope({ store }: BoardDeps, id: string): Promise<void> {
  if (await store.getScope(id)) return;
  try {
    await store.putScope(id, defaultScopeSpec(), null);
  } catch (err) {
    // Someone created it in between: theirs is as good as the defaults.
    if (!(err instanceof ConcurrentUpdateError)) throw err;
  }
}

/**
 * Unregistration is asynchronous: the cluster is marked `deleting` at once and a background job
 * (pushPolicies, holding both job leases) removes its state across runs — and, with `purge`, our
 * objects in the cluster first. Repeating the request while it is deleting is a no-op.
 */
export async function unregisterCluster(deps: BoardDeps, id: string, options: { purge: boolean }): Promise<{ id: string; state: 'deleting'; purge: boolean }> {
  checkClusterId(id);
  const existing = await deps.store.getCluster(id);
  if (!existing) throw new ClusterNotFoundError(id);
  const deleting = existing.value.deleting;
  if (deleting) {
    // Asking again without purge gives up a purge that keeps failing (an unreachable cluster).
    if (deleting.purge && !options.purge && !deleting.purged) await deps.store.markDeleting(id, { requestedAt: deleting.requestedAt, purge: false });
    return { id, state: 'deleting', purge: deleting.purge && options.purge };
  }
  if (options.purge && !deps.canPurge) throw new PurgeUnavailableError(id);
  if (!(await deps.store.markDeleting(id, { requestedAt: deps.clock.now(), purge: options.purge }))) throw new ClusterNotFoundError(id);
  return { id, state: 'deleting', purge: options.purge };
}
