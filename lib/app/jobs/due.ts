import { parseRfc3339 } from '../../core/engine';
import { resolveScope, type ScopeSpec } from '../../core/scope';

/**
 * The one due check of the scheduled jobs (processing and pushing): when a cluster's job is due,
 * and what holds it back. Both jobs record a summary with `startedAt` and, after failures,
 * `nextAttemptAt`.
 */

/** The schedules fire every minute; shorter intervals act as a minute. */
export const MIN_INTERVAL_SECONDS = 60;
/** Scheduled invocations drift by a few seconds; a job due "almost now" is due. */
const JITTER_SECONDS = 5;
/** Backoff after failures: one minute, doubling, at most half an hour. */
export const BACKOFF_BASE_SECONDS = 60;
export const BACKOFF_MAX_SECONDS = 1_800;

export interface JobHistory {
  /** RFC 3339: when the last job started. */
  readonly startedAt: string;
  readonly consecutiveFailures?: number;
  /** Unix seconds before which no job is started (backoff after failures). */
  readonly nextAttemptAt?: number;
}

export type JobState = 'due' | 'not-due' | 'backoff';

export function backoffSeconds(consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return 0;
  return Math.min(BACKOFF_BASE_SECONDS * 2 ** Math.min(consecutiveFailures - 1, 20), BACKOFF_MAX_SECONDS);
}

/** Unix seconds from which the job is due; 0 for a job that never ran. Orders the dispatch (oldest due first). */
export function dueAt(last: JobHistory | undefined, intervalSeconds: number): number {
  if (!last) return 0;
  const started = parseRfc3339(last.startedAt);
  const byInterval = Number.isNaN(started) ? 0 : started + Math.max(intervalSeconds, MIN_INTERVAL_SECONDS) - JITTER_SECONDS;
  return Math.max(byInterval, last.nextAttemptAt ?? 0);
}

/** Whether the job should run at `now` (Unix seconds); `force` ignores interval and backoff. */
export function jobState(last: JobHistory | undefined, intervalSeconds: number, now: number, force = false): JobState {
  if (force || !last) return 'due';
  if (last.nextAttemptAt !== undefined && last.nextAttemptAt > now) return 'backoff';
  return dueAt(last, intervalSeconds) <= now ? 'due' : 'not-due';
}

/** The failure count and backoff a summary records after a run that ended with or without an error. */
export function failureBookkeeping(previous: JobHistory | undefined, failed: boolean, now: number): { consecutiveFailures: number; nextAttemptAt?: number } {
  if (!failed) return { consecutiveFailures: 0 };
  const consecutiveFailures = (previous?.consecutiveFailures ?? 0) + 1;
  return { consecutiveFailures, nextAttemptAt: now + backoffSeconds(consecutiveFailures) };
}

const DEFAULT_INTERVAL_SECONDS = 150;

/** A cluster's processing interval, from its stored scope (defaults when there is none). */
export function intervalOf(spec: ScopeSpec | undefined): number {
  try {
    return resolveScope(spec ?? {}).intervalSeconds;
  } catch {
    // An unreadable scope is reported by the job itself; it must not stop the schedule.
    return DEFAULT_INTERVAL_SECONDS;
  }
}
