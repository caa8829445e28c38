import { randomUUID } from 'node:crypto';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { createStateStore } from '../lib/adapters/aws-clients';
import { dynamoCapacityMeter } from '../lib/adapters/dynamodb/capacity';
import { createPublisherFactory } from '../lib/adapters/kubernetes/publisher-factory';
import { lambdaJobInvoker } from '../lib/adapters/lambda/job-invoker';
import { createSecretsManagerClient, secretsManagerReader } from '../lib/adapters/secrets/secret-reader';
import { parseInvocation } from '../lib/app/jobs/invocation';
import { handlePushInvocation, type PushAnswer, type PushEntryDeps } from '../lib/app/push/entry';
import type { PushClock, PushLogger } from '../lib/app/push/ports';
import { loadAwsConfig } from '../lib/config/aws';
import { processEnv } from '../lib/config/env';
import { loadJobsConfig } from '../lib/config/jobs';
import { loadPushConfig } from '../lib/config/push';

/** pushPolicies composition root: config and clients once per container, then the use case. */

const clock: PushClock = { nowMs: () => Date.now() };

const log: PushLogger = {
  info: (message, fields) => console.log(JSON.stringify({ level: 'info', message, ...fields })),
  warn: (message, fields) => console.warn(JSON.stringify({ level: 'warn', message, ...fields })),
  error: (message, fields) => console.error(JSON.stringify({ level: 'error', message, ...fields })),
};

let wiring: PushEntryDeps | undefined;

// Built on first use rather than at import, so bundling or importing never needs the environment.
function wire(): PushEntryDeps {
  if (wiring) return wiring;
  const env = processEnv();
  const aws = loadAwsConfig(env);
  const config = loadPushConfig(env);
  const jobs = loadJobsConfig(env);
  const secrets = secretsManagerReader(createSecretsManagerClient(aws));
  const publishers = createPublisherFactory({ secrets, clock, timeoutMs: config.callTimeoutMs, secretCacheSeconds: config.secretCacheSeconds });
  wiring = { store: createStateStore(aws), publishers, clock, log, meter: dynamoCapacityMeter, invoker: lambdaJobInvoker(aws, jobs), newId: randomUUID, jobs, settings: config };
  return wiring;
}

async function pushPolicies(event: unknown, context: Partial<Context> | undefined): Promise<PushAnswer> {
  const invocation = parseInvocation(event);
  // serverless-offline and local invocations may lack the context methods; then the margin never triggers.
  const remainingMs = () => context?.getRemainingTimeInMillis?.() ?? Number.MAX_SAFE_INTEGER;
  const answer = await handlePushInvocation(invocation, wire(), { owner: context?.awsRequestId ?? randomUUID(), remainingMs });
  log.info('pushPolicies finished', { invocation: invocation.kind, ...answer });
  return answer;
}

export const handler = middy(pushPolicies);
