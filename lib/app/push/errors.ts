import { AppError } from '../errors';

/**
 * What a policy publisher may throw. Messages name the cluster, the object and a status or code,
 * never kubeconfig contents, tokens, passwords or certificates.
 */
export class PushError extends AppError {
  override readonly name: string = 'PushError';
}

/** The target's access configuration cannot be used (kubeconfig, secret); fixing it is the user's job. */
export class TargetAccessError extends PushError {
  override readonly name: string = 'TargetAccessError';
}

/** No answer: connection refused or reset, DNS, TLS verification. Retried with backoff. */
export class ClusterUnreachableError extends PushError {
  override readonly name: string = 'ClusterUnreachableError';
  constructor(
    readonly target: string,
    readonly code: string,
  ) {
    super(`${target} is unreachable (${code})`);
  }
}

/** A call did not finish within the configured timeout. */
export class ClusterTimeoutError extends ClusterUnreachableError {
  override readonly name: string = 'ClusterTimeoutError';
  constructor(
    target: string,
    readonly operation: string,
    readonly timeoutMs: number,
  ) {
    super(target, `timeout after ${timeoutMs} ms during ${operation}`);
  }
}

/** 401 (credentials rejected) or 403 (not allowed). */
export class ClusterAuthError extends PushError {
  override readonly name: string = 'ClusterAuthError';
  constructor(
    readonly target: string,
    readonly status: number,
    readonly operation: string,
  ) {
    super(`${target} ${status === 401 ? 'rejected the credentials' : 'refused the request'} (HTTP ${status}) during ${operation}`);
  }
}

/** The API answered with an unexpected status (5xx, 404 of a whole resource type, …). */
export class ClusterApiError extends PushError {
  override readonly name: string = 'ClusterApiError';
  constructor(
    readonly target: string,
    readonly status: number,
    readonly operation: string,
    reason?: string,
  ) {
    super(`${target} answered HTTP ${status} during ${operation}${reason ? `: ${reason}` : ''}`);
  }
}

/**
 * The target refused one namespace's objects. Only that namespace is affected: the failure is
 * recorded, the run goes on with the others, and the push counts as failed.
 */
export class NamespaceRejectedError extends PushError {
  override readonly name: string = 'NamespaceRejectedError';
  constructor(
    readonly target: string,
    readonly namespace: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** One object was refused (4xx on apply). */
export class ManifestRejectedError extends NamespaceRejectedError {
  override readonly name: string = 'ManifestRejectedError';
  constructor(
    target: string,
    readonly kind: string,
    namespace: string | undefined,
    readonly objectName: string,
    readonly status: number,
    readonly reason: string,
  ) {
    super(target, namespace, `${target} rejected ${kind} ${namespace ? `${namespace}/` : ''}${objectName} (HTTP ${status}): ${reason}`);
  }
}
