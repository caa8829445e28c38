import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpRouterHandler from '@middy/http-router';
import type { Board } from '../app/board';
import type { TokenVerifier } from './auth/verifier';
import { RouteNotFoundError } from './errors';
import { authenticate } from './middleware/authenticate';
import { bodyLimit } from './middleware/body-limit';
import { errorHandler } from './middleware/error-handler';
import { jsonBody } from './middleware/json-body';
import { requestLog, type RequestLogOptions } from './middleware/request-log';
import { boardRoutes } from './routes';
import type { ApiEvent, HttpResult } from './types';

export interface ApiDeps {
  readonly board: Board;
  /** Undefined: no verifier configured, every request is refused. */
  readonly verifier: TokenVerifier | undefined;
  readonly log?: RequestLogOptions;
}

/**
 * The API handler. Order matters: the log wraps everything so it sees the final status; errors
 * are mapped once; callers are authenticated before their body is even looked at.
 */
export function createApiHandler(deps: ApiDeps) {
  const router = httpRouterHandler<ApiEvent, HttpResult>({
    routes: boardRoutes(deps.board),
    notFoundResponse: ({ method, path }) => {
      throw new RouteNotFoundError(method, path);
    },
  });
  return middy<ApiEvent, HttpResult>()
    .use(requestLog(deps.log))
    .use(errorHandler())
    .use(httpHeaderNormalizer())
    .use(authenticate(deps.verifier))
    .use(bodyLimit())
    .use(jsonBody())
    .handler(router);
}
