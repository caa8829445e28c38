import { randomUUID } from 'node:crypto';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { handleProcessInvocation } from '../lib/app/process/entry';
import { parseInvocation } from '../lib/app/jobs/invocation';
import { createS3Client, createStateStore } from '../lib/adapters/aws-clients';
import { dynamoCapacityMeter } from '../lib/adapters/dynamodb/capacity';
import { lambdaJobInvoker } from '../lib/adapters/lambda/job-invoker';
import { s3Archive } from '../lib/adapters/s3-archive';
import { systemClock } from '../lib/adapters/system-clock';
import { loadAwsConfig } from '../lib/config/aws';
import { processEnv } from '../lib/config/env';
import { loadJobsConfig } from '../lib/config/jobs';
import { loadProcessConfig } from '../lib/config/process';
import { runLogger } from '../lib/observability/logger';
import { metrics, recordCapacityMetric, recordProcessAnswer } from '../lib/observability/metrics';
import { observability } from '../lib/observability/middleware';

// Composition root: config and clients are built once per container.
const env = processEnv();
const aws = loadAwsConfig(env);
const config = loadProcessConfig(env);
const jobs = loadJobsConfig(env);
const store = createStateStore(aws);
const archive = s3Archive(createS3Client(aws));
const invoker = lambdaJobInvoker(aws, jobs);

async function processFlows(event: unknown, context: Partial<Context> | undefined) {
  const invocation = parseInvocation(event);
  const runId = context?.awsRequestId ?? randomUUID();
  // serverless-offline and local invocations may lack the context methods; then the margin never triggers.
  const remainingMs = () => context?.getRemainingTimeInMillis?.() ?? Number.MAX_SAFE_INTEGER;
  const started = performance.now();
  const { value: answer, report } = await dynamoCapacityMeter.measure(() =>
    handleProcessInvocation(invocation, {
      store,
      archive,
      clock: systemClock,
      budget: { remainingMs },
      limits: config.limits,
      runId,
      newBatchId: randomUUID,
      meter: dynamoCapacityMeter,
      invoker,
      newId: randomUUID,
      jobs,
      parallelism: config.parallelism,
    }),
  );
  recordProcessAnswer(metrics, answer, Math.round(performance.now() - started));
  recordCapacityMetric(metrics, report.read + report.write);
  runLogger(runId).info('processFlows finished', { invocation: invocation.kind, ...answer });
  return answer;
}

export const handler = middy(processFlows).use(observability());
