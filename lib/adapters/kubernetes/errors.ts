import { ApiException } from '@kubernetes/client-node';
import { ClusterApiError, ClusterAuthError, ClusterUnreachableError, ManifestRejectedError, PushError, TargetAccessError } from '../../app/push/errors';

/** The kubeconfig needs something this service will not run (an exec plugin, an auth provider). */
export class UnsupportedKubeconfigError extends TargetAccessError {
  override readonly name: string = 'UnsupportedKubeconfigError';
}

/** The kubeconfig cannot be parsed or lacks a cluster, user or context. Says where, never what. */
export class InvalidKubeconfigError extends TargetAccessError {
  override readonly name: string = 'InvalidKubeconfigError';
}

/** What the call was doing; an apply names the object so a rejection can be reported per object. */
export interface CallContext {
  readonly target: string;
  readonly operation: string;
  readonly object?: { kind: string; namespace?: string; name: string };
}

const MAX_REASON = 300;

/** The API server's Status message (validation text), bounded; it never echoes our credentials. */
function statusReason(body: unknown): string {
  let status: unknown = body;
  if (typeof body === 'string') {
    try {
      status = JSON.parse(body);
    } catch {
      return '';
    }
  }
  if (typeof status !== 'object' || status === null) return '';
  const { message, reason } = status as { message?: unknown; reason?: unknown };
  const text = typeof message === 'string' ? message : typeof reason === 'string' ? reason : '';
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON)}…` : text;
}

/** node-fetch / TLS errors carry a `code` (ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT, …). */
function networkCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { code, errno, type } = err as { code?: unknown; errno?: unknown; type?: unknown };
  if (typeof code === 'string') return code;
  if (typeof errno === 'string') return errno;
  if (type === 'system' || type === 'request-timeout') return String(type);
  return undefined;
}

/**
 * Maps whatever the client threw to the project's errors. Only the status, the object and the
 * server's Status message are kept; the vendor error (which holds request options) is dropped.
 */
export function translateKubeError(err: unknown, ctx: CallContext): PushError {
  if (err instanceof PushError) return err;
  if (err instanceof ApiException) {
    const status = err.code;
    if (status === 401 || status === 403) return new ClusterAuthError(ctx.target, status, ctx.operation);
    if (ctx.object && status >= 400 && status < 500) {
      const o = ctx.object;
      return new ManifestRejectedError(ctx.target, o.kind, o.namespace, o.name, status, statusReason(err.body) || `HTTP ${status}`);
    }
    return new ClusterApiError(ctx.target, status, ctx.operation, statusReason(err.body));
  }
  const code = networkCode(err);
  if (code !== undefined) return new ClusterUnreachableError(ctx.target, code);
  // Errors thrown by the client itself (e.g. discovery found no such kind): its message is ours to keep.
  const message = err instanceof Error && /^(Unrecognized API version and kind|Failed to fetch resource metadata)/.test(err.message) ? err.message : 'unexpected client error';
  return new ClusterApiError(ctx.target, 0, ctx.operation, message);
}
