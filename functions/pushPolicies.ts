import { randomUUID } from 'node:crypto';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { createStateStore } from '../lib/adapters/aws-clients';
import { dynamoCapacityMeter } from '../lib/adapters/dynamodb/capacity';
import { createEksAccess } from '../lib/adapters/eks/access';
import { createPublisherFactory } from '../lib/adapters/kubernetes/publisher-factory';
import { lambdaJobInvoker } from '../lib/adapters/lambda/job-invoker';
import { createSecretsManagerClient, secretsManagerReader } from '../lib/adapters/secrets/secret-reader';
import { parseInvocation } from '../lib/app/jobs/invocation';
import { handlePushInvocation, type PushAnswer, type PushEntryDeps } from '../lib/app/push/entry';
import { systemClock as clock } from '../lib/adapters/system-clock';
import { loadAwsConfig } from '../lib/config/aws';
import { loadDeploymentConfig } from '../lib/config/deployment';
import { processEnv } from '../lib/config/env';
import { loadJobsConfig } from '../lib/config/jobs';
import { loadPushConfig } from '../lib/config/push';
import { logger, portLogger, runLogger } from '../lib/observability/logger';
import { metrics, recordCapacityMetric, recordPushAnswer } from '../lib/observability/metrics';
import { observability } from '../lib/observability/middleware';

/** pushPolicies composition root: config and clients once per container, then the use case. */

let wiring: PushEntryDeps | undefined;

// Built on first use rather than at import, so bundling or importing never needs the environment.
function wire(): PushEntryDeps {
  if (wiring) return wiring;
  const env = processEnv();
  const aws = loadAwsConfig(env);
  const config = loadPushConfig(env);
  const jobs = loadJobsConfig(env);
  const publishers = createPublisherFactory({
    secrets: secretsManagerReader(createSecretsManagerClient(aws)),
    clock,
    timeoutMs: config.callTimeoutMs,
    secretCacheSeconds: config.secretCacheSeconds,
    localTargets: loadDeploymentConfig(env).localStack,
    eks: createEksAccess(aws.region, () => clock.nowMs()),
  });
  wiring = {
    store: createStateStore(aws),
    publishers,
    clock,
    log: portLogger(logger),
    meter: dynamoCapacityMeter,
    invoker: lambdaJobInvoker(aws, jobs),
    newId: randomUUID,
    jobs,
    settings: config,
  };
  return wiring;
}

async function pushPolicies(event: unknown, context: Partial<Context> | undefined): Promise<PushAnswer> {
  const invocation = parseInvocation(event);
  const deps = wire();
  const owner = context?.awsRequestId ?? randomUUID();
  // serverless-offline and local invocations may lack the context methods; then the margin never triggers.
  const remainingMs = () => context?.getRemainingTimeInMillis?.() ?? Number.MAX_SAFE_INTEGER;
  const log = portLogger(runLogger(owner));
  const started = performance.now();
  const { value: answer, report } = await dynamoCapacityMeter.measure(() => handlePushInvocation(invocation, { ...deps, log }, { owner, remainingMs }));
  recordPushAnswer(metrics, answer, Math.round(performance.now() - started));
  recordCapacityMetric(metrics, report.read + report.write);
  log.info('pushPolicies finished', { invocation: invocation.kind, ...answer });
  return answer;
}

export const handler = middy(pushPolicies).use(observability());
