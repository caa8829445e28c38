import { CreateBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { StateStore } from '../../app/store';
import { DEFAULT_SELECTOR, type ScopeSpec } from '../../core/scope';
import { demoObjects } from './generate';

export const DEMO_CLUSTER = 'demo';
export const DEMO_PREFIX = 'demo-cluster';

/** A scope that shows the lifecycle within minutes instead of hours. */
export const DEMO_SCOPE: ScopeSpec = {
  interval: '30s',
  initialLookback: '24h',
  stabilizationPeriod: '2m',
  maxRules: 20,
  policiesLearningCutOff: 20,
  namespaceSpec: {
    recStatus: 'Enabled',
    selector: DEFAULT_SELECTOR,
    intraNamespacePassThroughTraffic: false,
    tierName: 'namespace-isolation',
  },
};

export async function ensureBucket(s3: S3Client, bucket: string): Promise<void> {
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (err) {
    const name = (err as Error).name;
    if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw err;
  }
}

/**
 * Writes a simulated day of flow logs and registers the demo cluster with a directory target.
 * Idempotent: a restart with the same state folder keeps what was learned.
 */
export async function seedDemo(store: StateStore, s3: S3Client, bucket: string, manifestsDir: string, now: number): Promise<boolean> {
  if (await store.getCluster(DEMO_CLUSTER)) return false;
  for (const obj of demoObjects(DEMO_PREFIX, now)) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: obj.key, Body: obj.body }));
  }
  await store.putCluster(
    { id: DEMO_CLUSTER, flowLogs: { bucket, prefix: DEMO_PREFIX }, target: { directory: manifestsDir }, clusterDomain: 'cluster.local', registeredAt: now },
    null,
  );
  await store.putScope(DEMO_CLUSTER, DEMO_SCOPE, null);
  return true;
}
