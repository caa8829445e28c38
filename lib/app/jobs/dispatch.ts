import pLimit from 'p-limit';
import type { Clock } from '../../core/engine';
import type { Cluster } from '../cluster';
import type { ClusterStore } from '../store';
import { dueAt, intervalOf, jobState } from './due';
import { deadJobSummary } from './dead-job';
import { MARKER_FIELD, SUMMARY_FIELD, type JobInvoker, type JobKind, type JobMarker, type JobsSettings } from './marker';

export interface DispatchDeps {
  readonly store: ClusterStore;
  readonly invoker: JobInvoker;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly jobs: JobsSettings;
}

export interface DispatchResult {
  readonly clusters: number;
  /** Dispatched now, oldest due first. */
  readonly dispatched: string[];
  /** Already dispatched or running. */
  inFlight: number;
  /** Jobs that died without a word, now recorded as failures. */
  readonly deadJobs: string[];
  readonly failed: { cluster: string; error: string }[];
}

/**
 * A scheduled tick: record the jobs that died without a word, then hand every due cluster
 * (oldest due first) to its own invocation. The tick does none of the clusters' work, so one
 * cluster's size or failure never delays another.
 */
export async function dispatchDue(kind: JobKind, deps: DispatchDeps): Promise<DispatchResult> {
  const now = deps.clock.now();
  // Processing stops for a cluster being unregistered; its push job does the deletion.
  const clusters = (await deps.store.listClusters()).map((c) => c.value).filter((c) => kind === 'push' || !c.deleting);
  const scopes = await deps.store.getScopes(clusters.map((c) => c.id));
  const result: DispatchResult = { clusters: clusters.length, dispatched: [], inFlight: 0, deadJobs: [], failed: [] };

  const due: { cluster: Cluster; at: number; replaces: string | null }[] = [];
  for (const cluster of clusters) {
    const marker: JobMarker | undefined = cluster[MARKER_FIELD[kind]];
    if (marker && marker.deadline >= now) {
      result.inFlight++;
      continue;
    }
    if (marker?.state === 'running') {
      // Died without a word: a failure with backoff, recorded only if no one else did meanwhile.
      if (await deps.store.swapJobMarker(cluster.id, kind, null, marker.id, { [SUMMARY_FIELD[kind]]: deadJobSummary(kind, cluster, marker, now) }))
        result.deadJobs.push(cluster.id);
      continue;
    }
    const interval = intervalOf(scopes.get(cluster.id));
    const last = cluster[SUMMARY_FIELD[kind]];
    if (!cluster.deleting && jobState(last, interval, now) !== 'due') continue;
    // A dispatch whose event never started is replaced.
    due.push({ cluster, at: dueAt(last, interval), replaces: marker?.id ?? null });
  }
  due.sort((a, b) => a.at - b.at || (a.cluster.id < b.cluster.id ? -1 : 1));

  const limit = pLimit(deps.jobs.dispatchParallelism);
  await Promise.all(
    due.map(({ cluster, replaces }) =>
      limit(async () => {
        const marker: JobMarker = { id: deps.newId(), state: 'dispatched', at: now, deadline: now + deps.jobs.dispatchTtlSeconds };
        try {
          if (!(await deps.store.swapJobMarker(cluster.id, kind, marker, replaces))) return;
          await sendOrRelease(deps, kind, cluster.id, marker);
          result.dispatched.push(cluster.id);
        } catch (err) {
          result.failed.push({ cluster: cluster.id, error: (err as Error).message });
        }
      }),
    ),
  );
  return result;
}

/** Invokes the job; when the invocation cannot be started the marker goes, so the next tick retries. */
export async function sendOrRelease(deps: Pick<DispatchDeps, 'store' | 'invoker'>, kind: JobKind, cluster: string, marker: JobMarker): Promise<void> {
  try {
    await deps.invoker.invoke(kind, { cluster, dispatch: marker.id });
  } catch (err) {
    await deps.store.swapJobMarker(cluster, kind, null, marker.id).catch(() => false);
    throw err;
  }
}
