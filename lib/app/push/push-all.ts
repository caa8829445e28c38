import pLimit from 'p-limit';
import { resolveScope } from '../../core/scope';
import type { Cluster, PushSummary } from '../cluster';
import type { StateStore } from '../store';
import { silentLogger } from './ports';
import { describeError, pushCluster, type PushClusterDeps } from './push-cluster';
import type { PushRequest } from './push-request';
import { readiness } from './schedule';

export interface PushAllDeps extends PushClusterDeps {
  readonly store: StateStore;
}

export interface PushAllSettings {
  /** Clusters pushed at the same time. */
  readonly parallelism: number;
  readonly leaseSeconds: number;
  /** No cluster is started with less time left; a started one stops applying at half of it. */
  readonly timeMarginMs: number;
}

export interface PushInvocation extends PushRequest {
  /** Lease owner: unique per invocation (the Lambda request id). */
  readonly owner: string;
  readonly remainingMs: () => number;
}

export type PushOutcome = 'pushed' | 'failed' | 'not-due' | 'backoff' | 'leased' | 'deferred' | 'not-found';

export interface ClusterPushResult {
  readonly cluster: string;
  readonly outcome: PushOutcome;
  readonly summary?: PushSummary;
  readonly error?: string;
}

export const PUSH_LEASE = 'push';
const DEFAULT_INTERVAL_SECONDS = 150;

async function intervalOf(deps: PushAllDeps, id: string): Promise<number> {
  try {
    return resolveScope((await deps.store.getScope(id))?.value ?? {}).intervalSeconds;
  } catch {
    // An unreadable scope is reported by the push itself; it must not stop the schedule.
    return DEFAULT_INTERVAL_SECONDS;
  }
}

/**
 * One pushPolicies run: every due cluster (or the named ones), a few at a time, each under its
 * lease and isolated from the others: one cluster's failure is recorded on it and never
 * affects the rest.
 */
export async function pushAll(deps: PushAllDeps, request: PushInvocation, settings: PushAllSettings): Promise<ClusterPushResult[]> {
  const log = deps.log ?? silentLogger;
  const force = request.force;
  const nowSeconds = () => Math.floor(deps.clock.nowMs() / 1000);
  const clusters: (Cluster | string)[] = request.clusters
    ? await Promise.all(request.clusters.map(async (id) => (await deps.store.getCluster(id))?.value ?? id))
    : (await deps.store.listClusters()).map((c) => c.value);

  const results: ClusterPushResult[] = [];
  const due: Cluster[] = [];
  for (const c of clusters) {
    if (typeof c === 'string') {
      results.push({ cluster: c, outcome: 'not-found' });
      continue;
    }
    const state = readiness(c, await intervalOf(deps, c.id), nowSeconds(), force);
    if (state === 'due') due.push(c);
    else results.push({ cluster: c.id, outcome: state });
  }

  async function runOne(listed: Cluster): Promise<ClusterPushResult> {
    const id = listed.id;
    if (request.remainingMs() < settings.timeMarginMs) return { cluster: id, outcome: 'deferred' };
    try {
      if (!(await deps.store.acquireLease(id, PUSH_LEASE, request.owner, nowSeconds(), settings.leaseSeconds))) return { cluster: id, outcome: 'leased' };
    } catch (err) {
      return { cluster: id, outcome: 'failed', error: describeError(err) };
    }
    try {
      // The listing may be stale (eventually consistent index, a run that just finished).
      const cluster = (await deps.store.getCluster(id))?.value;
      if (!cluster) return { cluster: id, outcome: 'not-found' };
      const state = readiness(cluster, await intervalOf(deps, id), nowSeconds(), force);
      if (state !== 'due') return { cluster: id, outcome: state };
      const summary = await pushCluster(deps, cluster, { force, shouldStop: () => request.remainingMs() < settings.timeMarginMs / 2 });
      return { cluster: id, outcome: summary.error === undefined ? 'pushed' : 'failed', summary, ...(summary.error === undefined ? {} : { error: summary.error }) };
    } catch (err) {
      log.error('cluster push could not be recorded', { cluster: id, error: describeError(err) });
      return { cluster: id, outcome: 'failed', error: describeError(err) };
    } finally {
      await deps.store.releaseLease(id, PUSH_LEASE, request.owner).catch(() => undefined);
    }
  }

  const limit = pLimit(settings.parallelism);
  results.push(...(await Promise.all(due.map((c) => limit(() => runOne(c))))));
  return results.sort((a, b) => (a.cluster < b.cluster ? -1 : 1));
}
