import { rfc3339, type Clock } from '../../core/engine';
import { resolveScope } from '../../core/scope';
import type { Cluster, PushSummary } from '../cluster';
import { ConcurrentUpdateError, describeError } from '../errors';
import type { ClusterStore, RecommendationStore } from '../store';
import { silentLogger, type PublisherFactory, type PushLogger } from './ports';
import { publish } from './publish';
import { readBack } from './read-back';
import type { ClusterRun } from './run-context';
import { isFullReconcile } from './schedule';
import { failureBookkeeping } from '../jobs/due';
import { unmeasured, type CapacityMeter } from '../capacity';

export interface PushClusterDeps {
  readonly store: ClusterStore & RecommendationStore;
  readonly publishers: PublisherFactory;
  readonly clock: Clock;
  readonly log?: PushLogger;
  /** Measures the DynamoDB capacity of the push (reported in its summary). */
  readonly meter?: CapacityMeter;
}

export interface PushClusterOptions {
  /** Reconcile everything, whatever the run count. */
  readonly force?: boolean;
  /** Checked between objects; true stops publishing (the rest goes to the next run). */
  readonly shouldStop?: () => boolean;
}

/**
 * Pushes one cluster (docs/architecture.md): read back the cluster's truth, publish what changed,
 * record a PushSummary with backoff on failure. Never throws for a cluster failure; only a
 * failure to record the summary itself propagates.
 */
export async function pushCluster(deps: PushClusterDeps, cluster: Cluster, options: PushClusterOptions = {}): Promise<PushSummary> {
  const log = deps.log ?? silentLogger;
  const startedMs = deps.clock.nowMs();
  const nowSeconds = Math.floor(startedMs / 1000);
  const previous = cluster.lastPush;
  const runCount = (previous?.runCount ?? 0) + 1;
  const full = isFullReconcile(runCount, previous, options.force ?? false);
  const counts = { applied: 0, deleted: 0, adopted: 0 };
  let error: string | undefined;

  const { report } = await (deps.meter ?? unmeasured).measure(async () => {
    try {
      const scope = resolveScope((await deps.store.getScope(cluster.id))?.value ?? {});
      const publisher = await deps.publishers.open(cluster);
      const run: ClusterRun = {
        clusterId: cluster.id,
        store: deps.store,
        publisher,
        scope,
        now: rfc3339(nowSeconds),
        log,
        counts,
        deletedObjects: new Set(),
        owned: null,
        rejected: [],
      };
      const observed = await readBack(run);
      const result = await publish(run, observed, { full, shouldStop: options.shouldStop ?? (() => false) });
      if (run.rejected.length > 0) {
        const shown = run.rejected.slice(0, 3).map((e) => e.message);
        error = `${run.rejected.length} manifest(s) rejected: ${shown.join('; ')}${run.rejected.length > 3 ? '; …' : ''}`;
      }
      if (result.stopped) log.warn('push stopped early for lack of time; the rest follows next run', { cluster: cluster.id });
    } catch (err) {
      error = describeError(err);
    }
  });

  const bookkeeping = failureBookkeeping(previous, error !== undefined, nowSeconds);
  const summary: PushSummary = {
    startedAt: rfc3339(nowSeconds),
    durationMs: Math.max(0, deps.clock.nowMs() - startedMs),
    ...counts,
    ...(error === undefined ? {} : { error }),
    ...bookkeeping,
    runCount,
    ...(deps.meter ? { capacity: { read: report.read, write: report.write } } : {}),
  };
  const failures = bookkeeping.consecutiveFailures;
  const fields = { cluster: cluster.id, full, ...counts, consecutiveFailures: failures, durationMs: summary.durationMs };
  if (error === undefined) log.info('cluster pushed', fields);
  else log.error('cluster push failed', { ...fields, error, nextAttemptAt: summary.nextAttemptAt });

  try {
    await deps.store.updateClusterStatus(cluster.id, { lastPush: summary });
  } catch (err) {
    // Unregistered while we pushed: there is nothing left to record on.
    if (!(err instanceof ConcurrentUpdateError)) throw err;
  }
  return summary;
}
