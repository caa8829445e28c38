import type { RejectReason } from './flowlog/record';

/** Why a valid record did not contribute to any recommendation. */
export type SkipReason =
  | 'deny'
  | 'protected'
  | 'otherReporter'
  | 'outOfScope'
  | 'outOfWindow'
  | 'unsupportedPeer'
  | 'notLearning'
  | 'queued'
  /** The namespace's stored rules reached the item size budget (warning RuleLimitReached). */
  | 'ruleLimitReached'
  | 'otherTag';

export interface RunStats {
  recordsRead: number;
  recordsUsed: number;
  /** Records counted as unprotected because they carried no policy information at all. */
  recordsWithoutPolicyInfo: number;
  rejected: Partial<Record<RejectReason, number>>;
  skipped: Partial<Record<SkipReason, number>>;
}

export function emptyStats(): RunStats {
  return { recordsRead: 0, recordsUsed: 0, recordsWithoutPolicyInfo: 0, rejected: {}, skipped: {} };
}

export function countReject(stats: RunStats, reason: RejectReason, n = 1): void {
  stats.rejected[reason] = (stats.rejected[reason] ?? 0) + n;
}

export function countSkip(stats: RunStats, reason: SkipReason, n = 1): void {
  stats.skipped[reason] = (stats.skipped[reason] ?? 0) + n;
}

export function mergeStats(into: RunStats, from: RunStats): RunStats {
  into.recordsRead += from.recordsRead;
  into.recordsUsed += from.recordsUsed;
  into.recordsWithoutPolicyInfo += from.recordsWithoutPolicyInfo;
  for (const [k, v] of Object.entries(from.rejected)) countReject(into, k as RejectReason, v);
  for (const [k, v] of Object.entries(from.skipped)) countSkip(into, k as SkipReason, v);
  return into;
}
