import type { PushSummary } from '../cluster';

/** Every tenth run reconciles everything, repairing drift nobody told us about. */
export const FULL_RECONCILE_EVERY = 10;

/**
 * Run 1, 11, 21, … (the first run of a cluster too), a forced run, and the run after a failure
 * (which may have left the cluster half-updated) re-apply everything, not only what changed.
 */
export function isFullReconcile(runCount: number, previous: PushSummary | undefined, force: boolean): boolean {
  return force || runCount % FULL_RECONCILE_EVERY === 1 || (previous?.consecutiveFailures ?? 0) > 0;
}
