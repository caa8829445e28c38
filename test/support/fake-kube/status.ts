/** Kubernetes `Status` answers, as the real API server words them. */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  500: 'InternalError',
  503: 'ServiceUnavailable',
};

export function statusReply(code: number, message: string, reason = REASONS[code] ?? 'Unknown'): Reply {
  return { status: code, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: code < 400 ? 'Success' : 'Failure', message, reason, code } };
}

export const ok = (body: unknown, status = 200): Reply => ({ status, body });
