import type { MiddlewareObj } from '@middy/core';
import { toProblem } from '../error-map';
import { problemResponse } from '../responses';
import type { HttpEvent, HttpResult } from '../types';

/** Turns any error into the `{"error": …}` response; the request log reports the cause. */
export function errorHandler(): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    onError: (request) => {
      const problem = toProblem(request.error);
      const requestId = request.event.requestContext?.requestId;
      // An operator needs the request id to find the logged cause of a 500.
      const message = problem.status === 500 && requestId ? `${problem.message} (request ${requestId})` : problem.message;
      request.response = problemResponse({ ...problem, message });
    },
  };
}
