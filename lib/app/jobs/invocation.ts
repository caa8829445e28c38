import { CLUSTER_ID } from '../cluster';
import { AppError } from '../errors';
import type { JobRequest } from './marker';

/**
 * The one parser of the events that reach processFlows and pushPolicies:
 * - a scheduled event (EventBridge's, serverless-offline's, or `{}`): a tick that dispatches;
 * - `{"clusters": [...], "force": true}`: a manual run of the named (or all) clusters in this
 *   invocation, answered with their results;
 * - `{"job": {"cluster": "<id>", "dispatch": "<id>"}}`: one cluster's job, sent by a tick.
 * Anything else is refused rather than silently treated as a run over every cluster (a typo such
 * as `cluster` would do that).
 */
export type Invocation =
  { readonly kind: 'tick' } | { readonly kind: 'manual'; readonly clusters?: readonly string[]; readonly force: boolean } | { readonly kind: 'job'; readonly job: JobRequest };

export class InvocationError extends AppError {
  override readonly name = 'InvocationError';
}

const MANUAL_FIELDS = new Set(['clusters', 'force']);
const DISPATCH_ID = /^[A-Za-z0-9-]{1,64}$/;

export function parseInvocation(event: unknown): Invocation {
  if (event === undefined || event === null) return { kind: 'tick' };
  if (typeof event !== 'object' || Array.isArray(event)) throw new InvocationError('the event must be an object');
  const record = event as Record<string, unknown>;
  const fields = Object.keys(record);
  if ('source' in record || 'detail-type' in record || fields.length === 0) return { kind: 'tick' };
  if ('job' in record) return { kind: 'job', job: parseJob(record, fields) };
  const unknown = fields.filter((f) => !MANUAL_FIELDS.has(f));
  if (unknown.length > 0) throw new InvocationError(`unknown field(s) ${unknown.join(', ')}; expected {"clusters": [...], "force": true}`);
  const force = record.force ?? false;
  if (typeof force !== 'boolean') throw new InvocationError('force must be true or false');
  if (record.clusters === undefined) return { kind: 'manual', force };
  const clusters = record.clusters;
  if (!Array.isArray(clusters) || clusters.some((c) => typeof c !== 'string' || !CLUSTER_ID.test(c))) {
    throw new InvocationError('clusters must be a list of cluster ids');
  }
  return { kind: 'manual', clusters: [...new Set(clusters as string[])], force };
}

function parseJob(record: Record<string, unknown>, fields: string[]): JobRequest {
  if (fields.length !== 1) throw new InvocationError('a job event holds only {"job": {"cluster", "dispatch"}}');
  const job = record.job;
  if (typeof job !== 'object' || job === null || Array.isArray(job)) throw new InvocationError('job must be an object');
  const { cluster, dispatch, ...rest } = job as Record<string, unknown>;
  if (Object.keys(rest).length > 0) throw new InvocationError(`unknown job field(s) ${Object.keys(rest).join(', ')}`);
  if (typeof cluster !== 'string' || !CLUSTER_ID.test(cluster)) throw new InvocationError('job.cluster must be a cluster id');
  if (typeof dispatch !== 'string' || !DISPATCH_ID.test(dispatch)) throw new InvocationError('job.dispatch must be a dispatch id');
  return { cluster, dispatch };
}
