import { CLUSTER_ID } from '../cluster';
import { AppError } from '../errors';

/** What one pushPolicies invocation was asked to do. */
export interface PushRequest {
  /** Only these clusters; all registered ones when absent. */
  readonly clusters?: readonly string[];
  /** Ignore interval and backoff, and reconcile everything. */
  readonly force: boolean;
}

export class PushRequestError extends AppError {
  override readonly name = 'PushRequestError';
}

const MANUAL_FIELDS = new Set(['clusters', 'force']);

/**
 * A scheduled event (EventBridge or serverless-offline's, or `{}`) is a normal run; a manual
 * invocation is `{"clusters": [...], "force": true}`. Anything else is refused rather than
 * silently treated as a run over every cluster (a typo such as `cluster` would do that).
 */
export function parsePushEvent(event: unknown): PushRequest {
  if (event === undefined || event === null) return { force: false };
  if (typeof event !== 'object' || Array.isArray(event)) throw new PushRequestError('the event must be an object');
  const fields = Object.keys(event);
  const record = event as Record<string, unknown>;
  if ('source' in record || 'detail-type' in record || fields.length === 0) return { force: false };
  const unknown = fields.filter((f) => !MANUAL_FIELDS.has(f));
  if (unknown.length > 0) throw new PushRequestError(`unknown field(s) ${unknown.join(', ')}; expected {"clusters": [...], "force": true}`);
  const force = record.force ?? false;
  if (typeof force !== 'boolean') throw new PushRequestError('force must be true or false');
  if (record.clusters === undefined) return { force };
  const clusters = record.clusters;
  if (!Array.isArray(clusters) || clusters.some((c) => typeof c !== 'string' || !CLUSTER_ID.test(c))) {
    throw new PushRequestError('clusters must be a list of cluster ids');
  }
  return { clusters: [...new Set(clusters as string[])], force };
}
