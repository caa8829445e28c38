import { InvalidTransitionError } from '../core/engine';
import { ScopeValidationError } from '../core/scope';
import { ClusterNotFoundError, ConcurrentUpdateError, RecommendationNotFoundError, StoreError } from '../app/errors';
import { ClusterDeletingError, FlowLogLocationConflictError, InvalidInputError, PurgeUnavailableError, TierChangeRefusedError } from '../app/board';
import { HttpProblem } from './errors';
import { WouldDenyError } from '../core/impact';

export interface Problem {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
  readonly headers?: Record<string, string>;
}

/**
 * The one place typed errors become statuses. Anything unrecognised is a 500 whose message says
 * nothing about internals; the request log carries the real error.
 */
export function toProblem(err: unknown): Problem {
  if (err instanceof HttpProblem) return err;
  if (err instanceof InvalidInputError) {
    return { status: 400, code: 'ValidationError', message: err.message, details: [{ path: err.field, message: err.message }] };
  }
  if (err instanceof ScopeValidationError) return { status: 400, code: 'InvalidScope', message: err.message, details: { field: err.field } };
  if (err instanceof PurgeUnavailableError) return { status: 400, code: 'PurgeUnavailable', message: err.message };
  if (err instanceof ClusterNotFoundError) return { status: 404, code: 'ClusterNotFound', message: err.message, details: { cluster: err.cluster } };
  if (err instanceof RecommendationNotFoundError) {
    return { status: 404, code: 'RecommendationNotFound', message: err.message, details: { cluster: err.cluster, namespace: err.namespace } };
  }
  if (err instanceof InvalidTransitionError) {
    return { status: 409, code: 'InvalidTransition', message: err.message, details: { namespace: err.namespace, action: err.action, tab: err.tab } };
  }
  if (err instanceof WouldDenyError) {
    return { status: 409, code: 'WouldDeny', message: err.message, details: { namespace: err.namespace, wouldDenyFlows: err.wouldDenyFlows } };
  }
  if (err instanceof ConcurrentUpdateError) return { status: 409, code: 'ConcurrentModification', message: err.message };
  if (err instanceof ClusterDeletingError) return { status: 409, code: 'ClusterDeleting', message: err.message, details: { cluster: err.cluster } };
  if (err instanceof FlowLogLocationConflictError) {
    return { status: 409, code: 'FlowLogLocationConflict', message: err.message, details: { conflictsWith: err.otherCluster } };
  }
  if (err instanceof TierChangeRefusedError) {
    return { status: 409, code: 'TierChangeRefused', message: err.message, details: { from: err.from, to: err.to, namespaces: err.namespaces.slice(0, 50) } };
  }
  if (err instanceof StoreError) return { status: 503, code: 'StoreUnavailable', message: 'the state store is unavailable; retry later', headers: { 'retry-after': '5' } };
  return { status: 500, code: 'InternalError', message: 'internal error' };
}
