import { randomUUID } from 'node:crypto';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { createMeteredStateStore } from '../lib/adapters/aws-clients';
import type { CapacityMeter } from '../lib/adapters/dynamodb/capacity';
import { createPublisherFactory } from '../lib/adapters/kubernetes/publisher-factory';
import { createSecretsManagerClient, secretsManagerReader } from '../lib/adapters/secrets/secret-reader';
import type { PushClock } from '../lib/app/push/ports';
import { pushAll, type ClusterPushResult, type PushAllDeps } from '../lib/app/push/push-all';
import { parsePushEvent } from '../lib/app/push/push-request';
import { loadAwsConfig } from '../lib/config/aws';
import { processEnv } from '../lib/config/env';
import { loadPushConfig, type PushConfig } from '../lib/config/push';
import { loadDeploymentConfig } from '../lib/config/deployment';
import { createEksAccess } from '../lib/adapters/eks/access';
import { logger, portLogger, runLogger } from '../lib/observability/logger';
import { metrics, recordCapacityMetric, recordPushMetrics } from '../lib/observability/metrics';
import { observability } from '../lib/observability/middleware';

/** pushPolicies composition root: config and clients once per container, then the use case. */

const clock: PushClock = { nowMs: () => Date.now() };

let wiring: { deps: PushAllDeps; config: PushConfig; capacity: CapacityMeter } | undefined;

// Built on first use rather than at import, so bundling or importing never needs the environment.
function wire(): { deps: PushAllDeps; config: PushConfig; capacity: CapacityMeter } {
  if (wiring) return wiring;
  const env = processEnv();
  const aws = loadAwsConfig(env);
  const config = loadPushConfig(env);
  const secrets = secretsManagerReader(createSecretsManagerClient(aws));
  const publishers = createPublisherFactory({
    secrets,
    clock,
    timeoutMs: config.callTimeoutMs,
    secretCacheSeconds: config.secretCacheSeconds,
    localTargets: loadDeploymentConfig(env).localStack,
    eks: createEksAccess(aws.region, clock.nowMs),
  });
  const { store, capacity } = createMeteredStateStore(aws);
  wiring = { deps: { store, publishers, clock, log: portLogger(logger) }, config, capacity };
  return wiring;
}

async function pushPolicies(event: unknown, context: Partial<Context> | undefined): Promise<{ results: ClusterPushResult[] }> {
  const request = parsePushEvent(event);
  const { deps, config, capacity } = wire();
  // serverless-offline and local invocations may lack the context methods; then the margin never triggers.
  const remainingMs = () => context?.getRemainingTimeInMillis?.() ?? Number.MAX_SAFE_INTEGER;
  const owner = context?.awsRequestId ?? randomUUID();
  const started = performance.now();
  const unitsBefore = capacity.units();
  const log = portLogger(runLogger(owner));
  const results = await pushAll({ ...deps, log }, { ...request, owner, remainingMs }, config);
  recordPushMetrics(metrics, results, Math.round(performance.now() - started));
  recordCapacityMetric(metrics, capacity.units() - unitsBefore);
  log.info('push run finished', { clusters: results.length, failed: results.filter((r) => r.outcome === 'failed').length });
  return { results };
}

export const handler = middy(pushPolicies).use(observability());
