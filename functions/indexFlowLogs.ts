import middy from '@middy/core';
import { indexObjects } from '../lib/app/index-objects';
import type { Cluster } from '../lib/app/cluster';
import { DEFAULT_LIMITS } from '../lib/app/process/ports';
import { createStateStore } from '../lib/adapters/aws-clients';
import { parseObjectCreated } from '../lib/adapters/events/object-created';
import { loadAwsConfig } from '../lib/config/aws';
import { processEnv } from '../lib/config/env';
import { logger } from '../lib/observability/logger';
import { metrics, recordIndexMetrics } from '../lib/observability/metrics';
import { observability } from '../lib/observability/middleware';

const store = createStateStore(loadAwsConfig(processEnv()));

/** Registrations change rarely; a short cache saves a query per event. */
const CLUSTER_CACHE_MS = 60_000;
let cache: { at: number; clusters: Cluster[] } | undefined;

async function clusters(): Promise<Cluster[]> {
  if (!cache || Date.now() - cache.at > CLUSTER_CACHE_MS) cache = { at: Date.now(), clusters: (await store.listClusters()).map((c) => c.value) };
  return cache.clusters;
}

/** EventBridge `Object Created` events (deployed) or S3 notifications; objects of no registered cluster are ignored. */
async function indexFlowLogs(event: unknown) {
  const objects = parseObjectCreated(event, Math.floor(Date.now() / 1000));
  const result = await indexObjects(objects, await clusters(), store, DEFAULT_LIMITS.ledgerTtlMarginSeconds);
  recordIndexMetrics(metrics, result);
  logger.info('objects indexed', { ...result });
  return result;
}

export const handler = middy(indexFlowLogs).use(observability());
