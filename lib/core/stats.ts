import { DROPPABLE_FIELDS, DROPPED, type DroppableField } from './flowlog/dropped-fields';
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
  /**
   * Invalid values dropped from records that did not need them, by field (the service name of a
   * pod destination, …). The record itself was used or skipped as usual.
   */
  dropped: Partial<Record<DroppableField, number>>;
}

export function emptyStats(): RunStats {
  return { recordsRead: 0, recordsUsed: 0, recordsWithoutPolicyInfo: 0, rejected: {}, skipped: {}, dropped: {} };
}

export function countReject(stats: RunStats, reason: RejectReason, n = 1): void {
  stats.rejected[reason] = (stats.rejected[reason] ?? 0) + n;
}

export function countSkip(stats: RunStats, reason: SkipReason, n = 1): void {
  stats.skipped[reason] = (stats.skipped[reason] ?? 0) + n;
}

/** Counts every field marked in `bits` (a FlowRecord's `dropped`). */
export function countDropped(stats: RunStats, bits: number): void {
  for (const field of DROPPABLE_FIELDS) {
    if ((bits & DROPPED[field]) !== 0) stats.dropped[field] = (stats.dropped[field] ?? 0) + 1;
  }
}

export function mergeStats(into: RunStats, from: RunStats): RunStats {
  into.recordsRead += from.recordsRead;
  into.recordsUsed += from.recordsUsed;
  into.recordsWithoutPolicyInfo += from.recordsWithoutPolicyInfo;
  for (const [k, v] of Object.entries(from.rejected)) countReject(into, k as RejectReason, v);
  for (const [k, v] of Object.entries(from.skipped)) countSkip(into, k as SkipReason, v);
  for (const [k, v] of Object.entries(from.dropped)) into.dropped[k as DroppableField] = (into.dropped[k as DroppableField] ?? 0) + v;
  return into;
}
