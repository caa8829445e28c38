import type { Impact } from '../../core/impact';

/**
 * The impact counters of recommendations (docs/impact-and-enforce.md), kept apart from the
 * recommendations themselves: processing updates them on every batch with verdicts, and that must
 * never rewrite (or conflict with) the rules, board state or push bookkeeping.
 */
export interface StoredImpact {
  readonly value: Impact;
  /** Incremented by every write; writes are conditional on it. */
  readonly rev: number;
  /** The processing batch already counted in (exactly-once on reruns). */
  readonly appliedBatch?: string;
}

export interface ImpactStore {
  /** Every namespace's impact in the cluster. */
  listImpacts(cluster: string): Promise<Map<string, StoredImpact>>;
  getImpact(cluster: string, namespace: string): Promise<StoredImpact | undefined>;
  /** `expectedRev` null: must not exist yet. */
  putImpact(cluster: string, namespace: string, impact: Impact, expectedRev: number | null, appliedBatch?: string): Promise<void>;
}
