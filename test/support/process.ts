import type { S3Client } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import type { Cluster } from '../../lib/app/cluster';
import { processCluster, type ProcessDeps } from '../../lib/app/process/process-cluster';
import { DEFAULT_LIMITS } from '../../lib/app/process/ports';
import type { StateStore } from '../../lib/app/store';
import { s3Archive } from '../../lib/adapters/s3-archive';
import type { ScopeSpec } from '../../lib/core/scope';

/** A clock the test moves by hand. */
export class TestClock {
  constructor(public t: number) {}
  now = () => this.t;
  nowMs = () => this.t * 1000;
  advance(seconds: number) {
    this.t += seconds;
  }
}

export function processDeps(store: StateStore, s3: S3Client, clock: TestClock, over: Partial<ProcessDeps> = {}): ProcessDeps {
  return {
    store,
    archive: s3Archive(s3),
    clock,
    budget: { remainingMs: () => 600_000 },
    limits: { ...DEFAULT_LIMITS, notifications: false },
    runId: randomUUID(),
    newBatchId: randomUUID,
    ...over,
  };
}

export async function registerCluster(store: StateStore, cluster: Omit<Cluster, 'clusterDomain' | 'target'> & Partial<Cluster>, scope: Partial<ScopeSpec> = {}) {
  await store.putCluster({ clusterDomain: 'cluster.local', target: { directory: '/tmp/unused' }, ...cluster }, null);
  await store.putScope(cluster.id, { namespaceSpec: { recStatus: 'Enabled' }, ...scope } as ScopeSpec, null);
}

export const run = (id: string, deps: ProcessDeps) => processCluster(id, deps);
