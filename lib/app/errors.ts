import { ScopeValidationError } from '../core/scope';

/** Base of the application's errors; the HTTP layer maps these to statuses in one place. */
export class AppError extends Error {}

/** A conditional write lost against a concurrent change (optimistic locking). */
export class ConcurrentUpdateError extends AppError {
  override readonly name = 'ConcurrentUpdateError';
  constructor(
    readonly cluster: string,
    readonly item: string,
  ) {
    super(`${item} of cluster ${cluster} was changed concurrently; retry`);
  }
}

export class ClusterNotFoundError extends AppError {
  override readonly name = 'ClusterNotFoundError';
  constructor(readonly cluster: string) {
    super(`cluster ${cluster} is not registered`);
  }
}

export class RecommendationNotFoundError extends AppError {
  override readonly name = 'RecommendationNotFoundError';
  constructor(
    readonly cluster: string,
    readonly namespace: string,
  ) {
    super(`no recommendation for namespace ${namespace} in cluster ${cluster}`);
  }
}

/** The storage backend failed (not a conflict); the caller retries on a later run. */
export class StoreError extends AppError {
  override readonly name = 'StoreError';
}

/** A write larger than the store allows for one item (DynamoDB: 400 KB). */
export class ItemTooLargeError extends AppError {
  override readonly name = 'ItemTooLargeError';
  constructor(
    readonly cluster: string,
    readonly item: string,
  ) {
    super(`${item} of cluster ${cluster} is larger than one stored item may be`);
  }
}

/**
 * The message recorded on the cluster item. Our own errors carry vetted messages (no secrets);
 * anything else is reduced to its class name, because a foreign message may quote request data.
 */
export function describeError(err: unknown): string {
  if (err instanceof AppError || err instanceof ScopeValidationError) return err.message;
  const name = err instanceof Error ? err.name : typeof err;
  return `unexpected error (${name})`;
}
