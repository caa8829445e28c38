import { beforeAll, describe, expect, it } from 'vitest';
import { ConcurrentUpdateError } from '../../lib/app/errors';
import type { StateStore } from '../../lib/app/store';
import type { Recommendation } from '../../lib/core/engine';
import { defaultScopeSpec } from '../../lib/core/scope';
import { emptyStats } from '../../lib/core/stats';
import { freshStore } from '../support/aws';

const rec = (ns: string): Recommendation => ({
  namespace: ns,
  stagedAction: 'Learn',
  enforced: false,
  status: 'Learning',
  lastUpdated: '2026-09-01T12:00:00Z',
  egress: [],
  ingress: [],
  warnings: [],
});
const cluster = { id: 'c1', flowLogs: { bucket: 'b', prefix: 'p' }, target: { directory: '/tmp/x' }, clusterDomain: 'cluster.local', registeredAt: 1 };

describe('DynamoDB state store against the emulator', () => {
  let store: StateStore;
  beforeAll(async () => {
    store = (await freshStore()).store;
  });

  it('creates a cluster once; a second create and a stale update are concurrent-update errors', async () => {
    expect(await store.putCluster(cluster, null)).toBe(1);
    await expect(store.putCluster(cluster, null)).rejects.toBeInstanceOf(ConcurrentUpdateError);
    expect(await store.putCluster({ ...cluster, clusterDomain: 'corp.local' }, 1)).toBe(2);
    await expect(store.putCluster(cluster, 1)).rejects.toBeInstanceOf(ConcurrentUpdateError);
    expect((await store.getCluster('c1'))!.value.clusterDomain).toBe('corp.local');
    expect((await store.listClusters()).map((c) => c.value.id)).toEqual(['c1']);
  });

  it('updates run status without a version check and keeps the registration', async () => {
    await store.updateClusterStatus('c1', { listedUntil: 42 });
    const got = await store.getCluster('c1');
    expect(got!.value.listedUntil).toBe(42);
    expect(got!.version).toBe(2);
  });

  it('an update of the registration never overwrites run summaries written meanwhile', async () => {
    const before = (await store.getCluster('c1'))!;
    await store.updateClusterStatus('c1', {
      lastRun: {
        startedAt: 'x',
        durationMs: 1,
        objects: { done: 1, failed: 0, skipped: 0, retried: 0, pendingLeft: 0 },
        stats: { recordsRead: 1, recordsUsed: 1, recordsWithoutPolicyInfo: 0, rejected: {}, skipped: {}, dropped: {} },
        namespacesChanged: 1,
        queued: [],
      },
    });
    const { listedUntil: _dropped, ...moved } = before.value;
    await store.putCluster({ ...moved, flowLogs: { bucket: 'b', prefix: 'moved' } }, before.version);
    const after = (await store.getCluster('c1'))!;
    expect(after.value.flowLogs.prefix).toBe('moved');
    expect(after.value.lastRun?.startedAt).toBe('x');
    expect(after.value.listedUntil).toBeUndefined();
    expect(after.version).toBe(before.version + 1);
  });

  it('versions recommendations; markPublished never bumps version nor goes backwards', async () => {
    const v1 = await store.putRecommendation('c1', rec('shop'), null, 'batch-1');
    const first = (await store.getRecommendation('c1', 'shop'))!;
    const v2 = await store.putRecommendation('c1', { ...rec('shop'), status: 'Stable' }, first);
    expect(v2).toBe(v1 + 1);
    await expect(store.putRecommendation('c1', { ...rec('shop'), status: 'Stabilizing' }, first)).rejects.toBeInstanceOf(ConcurrentUpdateError);
    await store.markPublished('c1', 'shop', v2);
    await store.markPublished('c1', 'shop', v1);
    const got = await store.getRecommendation('c1', 'shop');
    expect(got).toMatchObject({ version: v2, publishedVersion: v2, appliedBatch: 'batch-1', value: { status: 'Stable' } });
  });

  it('keeps a ledger: idempotent add, pending oldest first, marking takes objects off the list', async () => {
    expect(await store.addObject('c1', { key: 'p/flows/b', size: 1, arrivedAt: 200 }, 9e9)).toBe(true);
    expect(await store.addObject('c1', { key: 'p/flows/a', size: 1, arrivedAt: 100 }, 9e9)).toBe(true);
    expect(await store.addObject('c1', { key: 'p/flows/a', size: 1, arrivedAt: 100 }, 9e9)).toBe(false);
    expect((await store.listPending('c1', 10)).map((e) => e.key)).toEqual(['p/flows/a', 'p/flows/b']);
    await store.markObject('c1', 'p/flows/a', 'done');
    expect((await store.listPending('c1', 10)).map((e) => e.key)).toEqual(['p/flows/b']);
  });

  it('gives a lease to one owner at a time until it expires', async () => {
    expect(await store.acquireLease('c1', 'process', 'run-a', 1000, 60)).toBe(true);
    expect(await store.acquireLease('c1', 'process', 'run-b', 1030, 60)).toBe(false);
    expect(await store.acquireLease('c1', 'process', 'run-b', 1061, 60)).toBe(true);
    await store.releaseLease('c1', 'process', 'run-a'); // not the owner any more: no effect
    expect(await store.acquireLease('c1', 'process', 'run-c', 1062, 60)).toBe(false);
  });

  it('replaces namespaces; the ones that disappeared become tombstones until they come back', async () => {
    await store.replaceNamespaces('c1', 1_800_000_000, [
      { name: 'shop', labels: { team: 'a' } },
      { name: 'old', labels: {} },
    ]);
    await store.replaceNamespaces('c1', 1_800_000_000, [{ name: 'shop', labels: { team: 'b' } }]);
    expect(await store.listNamespaces('c1')).toEqual([{ name: 'shop', labels: { team: 'b' } }]);
    expect(await store.listDeletedNamespaces('c1')).toEqual(['old']);
    await store.replaceNamespaces('c1', 1_800_000_000, [
      { name: 'shop', labels: {} },
      { name: 'old', labels: {} },
    ]);
    expect(await store.listDeletedNamespaces('c1')).toEqual([]);
  });

  it('stores the scope with a version and deletes everything of a cluster', async () => {
    await store.putScope('c1', defaultScopeSpec(), null);
    // Page by page: the registration goes last, so the cluster stays visible until the end.
    expect(await store.deleteClusterItems('c1', 1)).toEqual({ done: false });
    expect(await store.getCluster('c1')).toBeDefined();
    while (!(await store.deleteClusterItems('c1', 1)).done);
    expect(await store.getCluster('c1')).toBeUndefined();
    expect(await store.getScope('c1')).toBeUndefined();
    expect(await store.listRecommendations('c1')).toEqual([]);
  });
});

describe('job markers on the cluster item', () => {
  it('swaps only from the expected marker, and writes the summary in the same update', async () => {
    const { store } = await freshStore();
    await store.putCluster(cluster, null);
    const marker = { id: 'd-1', state: 'dispatched' as const, at: 100, deadline: 1000 };
    expect(await store.swapJobMarker('c1', 'process', marker, null)).toBe(true);
    // Another tick cannot dispatch it twice.
    expect(await store.swapJobMarker('c1', 'process', { ...marker, id: 'd-2' }, null)).toBe(false);
    expect(await store.swapJobMarker('c1', 'process', { ...marker, state: 'running' }, 'd-2')).toBe(false);
    expect(await store.swapJobMarker('c1', 'process', { ...marker, state: 'running' }, 'd-1')).toBe(true);
    expect((await store.getCluster('c1'))!.value.processJob).toEqual({ ...marker, state: 'running' });
    // The push marker is independent.
    expect(await store.swapJobMarker('c1', 'push', marker, null)).toBe(true);
    const summary = {
      startedAt: '2026-12-02T00:00:00Z',
      durationMs: 1,
      objects: { done: 1, failed: 0, skipped: 0, retried: 0, pendingLeft: 0 },
      stats: emptyStats(),
      namespacesChanged: 0,
      queued: [],
    };
    expect(await store.swapJobMarker('c1', 'process', null, 'd-1', { lastRun: summary })).toBe(true);
    const after = (await store.getCluster('c1'))!.value;
    expect(after.processJob).toBeUndefined();
    expect(after.lastRun).toEqual(summary);
    expect(after.pushJob).toEqual(marker);
    // A registration update never drops a job's marker or summary.
    await store.putCluster({ ...after, clusterDomain: 'example.local', processJob: undefined, lastRun: undefined }, (await store.getCluster('c1'))!.version);
    expect((await store.getCluster('c1'))!.value).toMatchObject({ clusterDomain: 'example.local', pushJob: marker, lastRun: summary });
    expect(await store.swapJobMarker('ghost', 'process', marker, null)).toBe(false);
  });

  it('reads many scopes in one call', async () => {
    const { store } = await freshStore();
    await store.putScope('a', defaultScopeSpec(), null);
    await store.putScope('b', { ...defaultScopeSpec(), interval: '5m' }, null);
    const scopes = await store.getScopes(['a', 'b', 'missing']);
    expect([...scopes.keys()].sort()).toEqual(['a', 'b']);
    expect(scopes.get('b')!.interval).toBe('5m');
  });
});
