import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBoard } from '../../lib/app/board';
import { deleteClusterState } from '../../lib/app/jobs/delete-cluster';
import { pushCluster } from '../../lib/app/push/push-cluster';
import { domainRule, rec } from './fixtures';
import { harness, type Harness } from './harness';
import { clockOf } from '../../lib/core/engine';

describe('purge on unregistration (DELETE /clusters/{id}?purge=true)', () => {
  let h: Harness;
  let dir: string;
  beforeEach(async () => {
    h = await harness();
    dir = join(await mkdtemp(join(tmpdir(), 'pr-purge-')), 'manifests');
  });
  afterEach(async () => {
    await h.close();
    await rm(join(dir, '..'), { recursive: true, force: true });
  });

  it('removes our staged policies and domain sets from the target, keeps the tier, then forgets the cluster', async () => {
    const cluster = await h.cluster('gone', { target: { directory: dir } });
    const many = { egress: ['a', 'b', 'c'].map((d) => domainRule(`${d}.example.com`, 443)) };
    await h.recommend('gone', rec('shop', many), rec('payments'));
    await pushCluster(h.deps, cluster);
    expect((await readdir(dir)).sort()).toEqual(['_tier.yaml', 'payments.yaml', 'shop.yaml']);

    const board = createBoard({ store: h.store, clock: clockOf(() => 1_800_000_000), canPurge: true });
    await board.unregisterCluster('gone', { purge: true });
    // The request only marks it; the background job purges and removes the state.
    expect((await readdir(dir)).sort()).toEqual(['_tier.yaml', 'payments.yaml', 'shop.yaml']);
    const deps = {
      store: h.store,
      publishers: h.deps.publishers,
      owner: 'job-1',
      clock: clockOf(() => 1_800_000_000),
      remainingMs: () => 100_000,
      leaseSeconds: 300,
      timeMarginMs: 1000,
    };
    // A processing run holds its lease: the deletion waits for it.
    expect(await h.store.acquireLease('gone', 'process', 'run-1', 1_800_000_000, 300)).toBe(true);
    expect(await deleteClusterState(deps, (await h.store.getCluster('gone'))!.value)).toBe('busy');
    expect((await readdir(dir)).length).toBe(3);
    await h.store.releaseLease('gone', 'process', 'run-1');
    expect(await deleteClusterState(deps, (await h.store.getCluster('gone'))!.value)).toBe('deleted');

    expect(await readdir(dir)).toEqual(['_tier.yaml']);
    expect(await h.store.getCluster('gone')).toBeUndefined();
    expect(await h.store.listRecommendations('gone')).toEqual([]);
  });
});
