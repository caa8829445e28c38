import { parseRfc3339 } from '../../core/engine';
import { parseDuration } from '../../core/scope';

/** The schedule fires every minute, so shorter intervals act as a minute. */
export const MIN_EFFECTIVE_INTERVAL_SECONDS = 60;
/** Scheduled invocations drift by a few seconds; a cluster due "almost now" is due. */
const SCHEDULE_JITTER_SECONDS = 5;

/** Whether a job last started at `lastStartedAt` (RFC 3339) is due again at `now`. */
export function isDue(lastStartedAt: string | undefined, interval: string | undefined, now: number): boolean {
  if (lastStartedAt === undefined) return true;
  const last = parseRfc3339(lastStartedAt);
  if (Number.isNaN(last)) return true;
  const seconds = Math.max(parseDuration(interval ?? '') ?? 150, MIN_EFFECTIVE_INTERVAL_SECONDS);
  return now - last >= seconds - SCHEDULE_JITTER_SECONDS;
}
