import { describe, expect, it } from 'vitest';
import { discoverObjects } from '../../lib/app/process/discover';
import { DEFAULT_LIMITS, type ArchivedObject, type FlowArchive } from '../../lib/app/process/ports';
import { freshStore } from '../support/aws';
import { registerCluster } from '../support/process';

const NOW = Date.UTC(2026, 8, 3, 12) / 1000;
const day = (t: number) => new Date(t * 1000).toISOString().slice(0, 10).replace(/-/g, '');

/** An in-memory archive (a fake, not a mock): listing by prefix, as S3 does. */
function archive(objects: ArchivedObject[]): FlowArchive {
  return {
    async *list(_bucket, prefix) {
      for (const o of [...objects].sort((a, b) => (a.key < b.key ? -1 : 1))) if (o.key.startsWith(prefix)) yield o;
    },
    open: () => Promise.reject(new Error('not read in this test')),
  };
}

describe('discovery by listing the day partitions', () => {
  const objects: ArchivedObject[] = [];
  for (let d = 2; d >= 0; d--) {
    const t = NOW - d * 86_400;
    for (let i = 0; i < 300; i++) objects.push({ key: `p/flows${day(t)}_${i}.gz`, size: 10, etag: 'e', lastModified: t - 3600 + i });
  }
  objects.push({ key: `p/dns${day(NOW)}_0.gz`, size: 1, etag: 'e', lastModified: NOW - 10 });

  it('lists the initial lookback once into the ledger, ignoring other log types and older objects', async () => {
    const { store } = await freshStore();
    await registerCluster(store, { id: 'c', flowLogs: { bucket: 'b', prefix: 'p' }, registeredAt: NOW });
    const deps = { store, archive: archive(objects), limits: DEFAULT_LIMITS, budget: { remainingMs: () => 600_000 } };
    const first = await discoverObjects((await store.getCluster('c'))!.value, 86_400, NOW, deps);
    // Lookback 24 h from 12:00: yesterday's objects (written around 11:00) are older, today's count.
    expect(first).toEqual({ listed: true, complete: true, added: 300 });
    const cluster = (await store.getCluster('c'))!.value;
    expect(cluster.listedUntil).toBe(NOW);
    // With notifications on, the next listing waits for the safety-net period.
    expect(await discoverObjects(cluster, 86_400, NOW + 60, deps)).toEqual({ listed: false, complete: true, added: 0 });
  });

  it('a listing that runs out of time resumes from the last complete day instead of starting over', async () => {
    const { store } = await freshStore();
    await registerCluster(store, { id: 'c', flowLogs: { bucket: 'b', prefix: 'p' }, registeredAt: NOW });
    let calls = 0;
    const tight = { store, archive: archive(objects), limits: DEFAULT_LIMITS, budget: { remainingMs: () => (++calls > 2 ? 0 : 600_000) } };
    const cut = await discoverObjects((await store.getCluster('c'))!.value, 3 * 86_400, NOW, tight);
    expect(cut.complete).toBe(false);
    const progress = (await store.getCluster('c'))!.value.listedUntil!;
    expect(progress).toBeLessThan(NOW);
    const rest = { ...tight, budget: { remainingMs: () => 600_000 } };
    const resumed = await discoverObjects((await store.getCluster('c'))!.value, 3 * 86_400, NOW + 10, rest);
    expect(resumed.complete).toBe(true);
    expect(cut.added + resumed.added).toBe(900);
  });
});
