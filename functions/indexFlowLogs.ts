import middy from '@middy/core';
import type { S3Event } from 'aws-lambda';
import { indexObjects, type CreatedObject } from '../lib/app/index-objects';
import type { Cluster } from '../lib/app/cluster';
import { DEFAULT_LIMITS } from '../lib/app/process/ports';
import { createStateStore } from '../lib/adapters/aws-clients';
import { loadAwsConfig } from '../lib/config/aws';
import { processEnv } from '../lib/config/env';

const store = createStateStore(loadAwsConfig(processEnv()));

/** Registrations change rarely; a short cache saves a query per notification batch. */
const CLUSTER_CACHE_MS = 60_000;
let cache: { at: number; clusters: Cluster[] } | undefined;

async function clusters(): Promise<Cluster[]> {
  if (!cache || Date.now() - cache.at > CLUSTER_CACHE_MS) cache = { at: Date.now(), clusters: (await store.listClusters()).map((c) => c.value) };
  return cache.clusters;
}

/** S3 event keys are URL-encoded with `+` for spaces. */
function decodeKey(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

async function indexFlowLogs(event: S3Event) {
  const objects: CreatedObject[] = (event.Records ?? []).map((r) => ({
    bucket: r.s3.bucket.name,
    key: decodeKey(r.s3.object.key),
    size: r.s3.object.size ?? 0,
    etag: r.s3.object.eTag ?? '',
    arrivedAt: Math.floor(Date.parse(r.eventTime) / 1000) || Math.floor(Date.now() / 1000),
  }));
  const result = await indexObjects(objects, await clusters(), store, DEFAULT_LIMITS.ledgerTtlMarginSeconds);
  console.log(JSON.stringify({ msg: 'indexFlowLogs', ...result }));
  return result;
}

export const handler = middy(indexFlowLogs);
