import { randomUUID } from 'node:crypto';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { processAll, type ProcessRequest } from '../lib/app/process/process-all';
import { createMeteredStateStore, createS3Client } from '../lib/adapters/aws-clients';
import { s3Archive } from '../lib/adapters/s3-archive';
import { loadAwsConfig } from '../lib/config/aws';
import { processEnv } from '../lib/config/env';
import { loadProcessConfig } from '../lib/config/process';
import { systemClock } from '../lib/adapters/system-clock';
import { parseProcessRequest } from './invocation';
import { runLogger } from '../lib/observability/logger';
import { metrics, recordCapacityMetric, recordProcessMetrics } from '../lib/observability/metrics';
import { observability } from '../lib/observability/middleware';

// Composition root: config and clients are built once per container.
const aws = loadAwsConfig(processEnv());
const config = loadProcessConfig(processEnv());
const { store, capacity } = createMeteredStateStore(aws);
const archive = s3Archive(createS3Client(aws));

async function processFlows(event: unknown, context: Context) {
  const request: ProcessRequest = parseProcessRequest(event);
  const runId = randomUUID();
  const started = performance.now();
  const unitsBefore = capacity.units();
  const results = await processAll(
    request,
    {
      store,
      archive,
      clock: systemClock,
      budget: { remainingMs: () => context.getRemainingTimeInMillis() },
      limits: config.limits,
      runId,
      newBatchId: randomUUID,
    },
    config.parallelism,
  );
  recordProcessMetrics(metrics, results, Math.round(performance.now() - started));
  recordCapacityMetric(metrics, capacity.units() - unitsBefore);
  const log = runLogger(runId);
  for (const r of results) log.info('cluster processed', { cluster: r.cluster, outcome: r.outcome });
  return { results };
}

export const handler = middy(processFlows).use(observability());
