import type { MiddlewareObj, Request } from '@middy/core';
import type { ApiEvent, HttpResult } from '../types';

export interface RequestLogOptions {
  readonly write?: (line: string) => void;
  /** Monotonic milliseconds, injected so tests need no real time. */
  readonly nowMs?: () => number;
}

/**
 * One JSON line per request. Deliberately picks fields instead of dumping the event: headers carry
 * the bearer token and bodies may carry anything, so neither is ever logged.
 */
export function requestLog(options: RequestLogOptions = {}): MiddlewareObj<ApiEvent, HttpResult> {
  const write = options.write ?? ((line: string) => console.log(line));
  const nowMs = options.nowMs ?? (() => performance.now());
  const started = new WeakMap<object, number>();

  const log = (request: Request<ApiEvent, HttpResult>) => {
    const { event, response, error } = request;
    const status = response?.statusCode ?? 500;
    const entry: Record<string, unknown> = {
      level: status >= 500 ? 'error' : 'info',
      msg: 'request',
      method: event.requestContext?.http?.method,
      route: event.routeKey && event.routeKey !== '$default' ? event.routeKey : event.requestContext?.http?.path,
      status,
      durationMs: Math.round(nowMs() - (started.get(request) ?? nowMs())),
      subject: event.principal?.subject,
      requestId: event.requestContext?.requestId,
    };
    // Server faults need their cause in the log; client errors are described by the response.
    if (status >= 500 && error) entry.error = { name: error.name, message: error.message, stack: error.stack };
    write(JSON.stringify(entry));
  };

  return {
    before: (request) => {
      started.set(request, nowMs());
    },
    after: log,
    onError: log,
  };
}
