import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { MiddlewareObj } from '@middy/core';
import { logger } from './logger';
import { metrics } from './metrics';

/**
 * What every function wears: the Lambda context on each log line (request id, cold start) and
 * the invocation's metrics flushed as one EMF line at the end, even when the handler throws.
 */
export function observability(): MiddlewareObj[] {
  return [injectLambdaContext(logger, { resetKeys: true }), logMetrics(metrics, { captureColdStartMetric: true })];
}
