import { parseRfc3339 } from '../../core/engine';
import type { Cluster, PushSummary } from '../cluster';

/** Backoff after failures: one minute, doubling, at most half an hour. */
export const BACKOFF_BASE_SECONDS = 60;
export const BACKOFF_MAX_SECONDS = 1_800;
/** Every tenth run reconciles everything, repairing drift nobody told us about. */
export const FULL_RECONCILE_EVERY = 10;
/** The schedule fires every minute; shorter intervals cannot be honoured. */
export const MIN_PUSH_INTERVAL_SECONDS = 60;
/** Schedule jitter: a run a few seconds early still counts as on time, or it would wait a whole extra minute. */
const JITTER_SECONDS = 5;

export function backoffSeconds(consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return 0;
  return Math.min(BACKOFF_BASE_SECONDS * 2 ** Math.min(consecutiveFailures - 1, 20), BACKOFF_MAX_SECONDS);
}

/**
 * Run 1, 11, 21, … (the first run of a cluster too), a forced run, and the run after a failure
 * (which may have left the cluster half-updated) re-apply everything, not only what changed.
 */
export function isFullReconcile(runCount: number, previous: PushSummary | undefined, force: boolean): boolean {
  return force || runCount % FULL_RECONCILE_EVERY === 1 || (previous?.consecutiveFailures ?? 0) > 0;
}

export type Readiness = 'due' | 'not-due' | 'backoff';

/** Whether a cluster should be pushed now (`nowSeconds`: Unix seconds). */
export function readiness(cluster: Cluster, intervalSeconds: number, nowSeconds: number, force: boolean): Readiness {
  if (force) return 'due';
  const last = cluster.lastPush;
  if (!last) return 'due';
  if (last.nextAttemptAt !== undefined && last.nextAttemptAt > nowSeconds) return 'backoff';
  const startedAt = parseRfc3339(last.startedAt);
  if (Number.isNaN(startedAt)) return 'due';
  const interval = Math.max(intervalSeconds, MIN_PUSH_INTERVAL_SECONDS);
  return nowSeconds - startedAt >= interval - JITTER_SECONDS ? 'due' : 'not-due';
}
