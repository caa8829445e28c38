/**
 * Errors of the flow-object sources. Messages name the bucket, key and the vendor's error code,
 * never credentials or the vendor's own message text (which can echo request details); the
 * original error is kept as `cause` for logs.
 */
export interface FlowSourceErrorContext {
  readonly bucket?: string;
  readonly key?: string;
  /** The vendor's error code (`AccessDenied`, `NoSuchBucket`, `ENOENT`, …), when known. */
  readonly code?: string;
  readonly cause?: unknown;
}

export class FlowSourceError extends Error {
  override readonly name: string = 'FlowSourceError';
  readonly bucket: string | undefined;
  readonly key: string | undefined;
  readonly code: string | undefined;

  constructor(message: string, context: FlowSourceErrorContext = {}) {
    super(message, { cause: context.cause });
    this.bucket = context.bucket;
    this.key = context.key;
    this.code = context.code;
  }
}

/** The object (or file) does not exist, e.g. deleted by a lifecycle rule between list and get. */
export class FlowObjectNotFoundError extends FlowSourceError {
  override readonly name: string = 'FlowObjectNotFoundError';
}
