import type { MiddlewareObj, Request } from '@middy/core';
import { logger } from '../../observability/logger';
import type { ApiEvent, HttpResult } from '../types';

/** The two levels a request line uses; the project's logger by default. */
export interface RequestLogger {
  info(message: string, fields: Record<string, unknown>): void;
  error(message: string, fields: Record<string, unknown>): void;
}

export interface RequestLogOptions {
  readonly logger?: RequestLogger;
  /** Monotonic milliseconds, injected so tests need no real time. */
  readonly nowMs?: () => number;
}

/**
 * One structured line per request. Deliberately picks fields instead of dumping the event: headers carry
 * the bearer token and bodies may carry anything, so neither is ever logged.
 */
export function requestLog(options: RequestLogOptions = {}): MiddlewareObj<ApiEvent, HttpResult> {
  const log$ = options.logger ?? logger;
  const nowMs = options.nowMs ?? (() => performance.now());
  const started = new WeakMap<object, number>();

  const log = (request: Request<ApiEvent, HttpResult>) => {
    const { event, response, error } = request;
    const status = response?.statusCode ?? 500;
    const entry: Record<string, unknown> = {
      method: event.requestContext?.http?.method,
      route: event.routeKey && event.routeKey !== '$default' ? event.routeKey : event.requestContext?.http?.path,
      status,
      durationMs: Math.round(nowMs() - (started.get(request) ?? nowMs())),
      subject: event.principal?.subject,
      requestId: event.requestContext?.requestId,
    };
    // Server faults need their cause in the log; client errors are described by the response.
    if (status >= 500 && error) entry.error = { name: error.name, message: error.message, stack: error.stack };
    if (status >= 500) log$.error('request', entry);
    else log$.info('request', entry);
  };

  return {
    before: (request) => {
      started.set(request, nowMs());
    },
    after: log,
    onError: log,
  };
}
