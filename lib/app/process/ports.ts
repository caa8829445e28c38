/** The flow-log archive as processing sees it (S3 in AWS and locally). */
export interface ArchivedObject {
  readonly key: string;
  readonly size: number;
  readonly etag: string;
  /** Unix seconds. */
  readonly lastModified: number;
}

/** The object no longer exists (deleted, or expired by a lifecycle rule): reading it again is pointless. */
export class ArchivedObjectGoneError extends Error {
  override readonly name = 'ArchivedObjectGoneError';
}

export interface FlowArchive {
  list(bucket: string, prefix: string): AsyncIterable<ArchivedObject>;
  open(bucket: string, key: string): Promise<AsyncIterable<Uint8Array>>;
}

/** What a run may spend; checked before each new batch. */
export interface TimeBudget {
  remainingMs(): number;
}

export interface ProcessLimits {
  /** Most objects folded together in one batch (bounded so a batch item stays small). */
  readonly maxObjectsPerBatch: number;
  /** Most compressed bytes in one batch. */
  readonly maxBytesPerBatch: number;
  /** Stop taking new batches when less than this remains. */
  readonly timeMarginMs: number;
  /** Lease duration: longer than the Lambda timeout, so a dead run's lease expires on its own. */
  readonly leaseSeconds: number;
  /** With S3 notifications on, the listing safety net runs this often (seconds). */
  readonly safetyListingSeconds: number;
  /** Whether S3 notifications feed the ledger; when off, every run lists the day partitions. */
  readonly notifications: boolean;
  /** Ledger entries outlive the initial lookback by this margin (seconds). */
  readonly ledgerTtlMarginSeconds: number;
}

/** An object that fails to read this many times (network, throttling) is marked failed. */
export const MAX_READ_ATTEMPTS = 3;

export const DEFAULT_LIMITS: ProcessLimits = {
  maxObjectsPerBatch: 200,
  maxBytesPerBatch: 256 * 1024 * 1024,
  timeMarginMs: 60_000,
  leaseSeconds: 360,
  safetyListingSeconds: 3600,
  notifications: true,
  ledgerTtlMarginSeconds: 2 * 86_400,
};
