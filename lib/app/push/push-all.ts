import pLimit from 'p-limit';
import type { Cluster, PushSummary } from '../cluster';
import { intervalOf, jobState } from '../jobs/due';
import type { StateStore } from '../store';
import { silentLogger } from './ports';
import { describeError } from '../errors';
import { pushCluster, type PushClusterDeps } from './push-cluster';

export interface PushAllDeps extends PushClusterDeps {
  readonly store: StateStore;
}

export interface PushAllSettings {
  /** Clusters pushed at the same time by a manual run. */
  readonly parallelism: number;
  readonly leaseSeconds: number;
  /** No cluster is started with less time left; a started one stops applying at half of it. */
  readonly timeMarginMs: number;
}

/** A manual run: `{"clusters": [...], "force": true}`. */
export interface PushInvocation {
  /** Only these clusters; all registered ones when absent. */
  readonly clusters?: readonly string[];
  /** Ignore interval and backoff, and reconcile everything. */
  readonly force: boolean;
  /** Lease owner: unique per invocation (the Lambda request id). */
  readonly owner: string;
  readonly remainingMs: () => number;
}

export type PushOutcome = 'pushed' | 'failed' | 'not-due' | 'backoff' | 'leased' | 'deferred' | 'not-found' | 'deleting';

export interface ClusterPushResult {
  readonly cluster: string;
  readonly outcome: PushOutcome;
  readonly summary?: PushSummary;
  readonly error?: string;
}

export const PUSH_LEASE = 'push';
/**
 * One cluster under its push lease: re-read (the caller's copy may be stale), check it is still
 * due (unless forced), push, release. A failure is recorded on the cluster and never thrown.
 */
export async function pushOne(deps: PushAllDeps, id: string, request: Omit<PushInvocation, 'clusters'>, settings: PushAllSettings): Promise<ClusterPushResult> {
  const log = deps.log ?? silentLogger;
  const nowSeconds = () => Math.floor(deps.clock.nowMs() / 1000);
  if (request.remainingMs() < settings.timeMarginMs) return { cluster: id, outcome: 'deferred' };
  try {
    if (!(await deps.store.acquireLease(id, PUSH_LEASE, request.owner, nowSeconds(), settings.leaseSeconds))) return { cluster: id, outcome: 'leased' };
  } catch (err) {
    return { cluster: id, outcome: 'failed', error: describeError(err) };
  }
  try {
    const cluster = (await deps.store.getCluster(id))?.value;
    if (!cluster) return { cluster: id, outcome: 'not-found' };
    if (cluster.deleting) return { cluster: id, outcome: 'deleting' };
    const state = jobState(cluster.lastPush, intervalOf((await deps.store.getScope(id))?.value), nowSeconds(), request.force);
    if (state !== 'due') return { cluster: id, outcome: state };
    const summary = await pushCluster(deps, cluster, { force: request.force, shouldStop: () => request.remainingMs() < settings.timeMarginMs / 2 });
    return { cluster: id, outcome: summary.error === undefined ? 'pushed' : 'failed', summary, ...(summary.error === undefined ? {} : { error: summary.error }) };
  } catch (err) {
    log.error('cluster push could not be recorded', { cluster: id, error: describeError(err) });
    return { cluster: id, outcome: 'failed', error: describeError(err) };
  } finally {
    await deps.store.releaseLease(id, PUSH_LEASE, request.owner).catch(() => undefined);
  }
}

/**
 * A manual pushPolicies run over the named (or all) clusters in this invocation, a few at a time,
 * each isolated: one cluster's failure is recorded on it and never affects the rest.
 */
export async function pushAll(deps: PushAllDeps, request: PushInvocation, settings: PushAllSettings): Promise<ClusterPushResult[]> {
  const clusters: (Cluster | string)[] = request.clusters
    ? await Promise.all(request.clusters.map(async (id) => (await deps.store.getCluster(id))?.value ?? id))
    : (await deps.store.listClusters()).map((c) => c.value);
  const limit = pLimit(settings.parallelism);
  const results = await Promise.all(
    clusters.map((c): Promise<ClusterPushResult> =>
      typeof c === 'string' ? Promise.resolve({ cluster: c, outcome: 'not-found' }) : limit(() => pushOne(deps, c.id, request, settings)),
    ),
  );
  return results.sort((a, b) => (a.cluster < b.cluster ? -1 : 1));
}
