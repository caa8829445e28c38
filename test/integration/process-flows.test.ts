import { beforeAll, describe, expect, it } from 'vitest';
import type { S3Client } from '@aws-sdk/client-s3';
import { freshBucket, freshStore, putObject, s3Client } from '../support/aws';
import { fluentBitKey, fluentBitObject, fluentdKey, fluentdObject, rawFlow } from '../support/flowlog-files';
import { processDeps, registerCluster, run, TestClock } from '../support/process';
import type { StateStore } from '../../lib/app/store';

// Objects are written "now" (s3rver stamps LastModified with the real time); records carry
// end_time near the clock so they are inside the initial lookback.
const T0 = Math.floor(Date.now() / 1000);
const DAY = new Date(T0 * 1000).toISOString().slice(0, 10).replace(/-/g, '');
const at = (o: Record<string, unknown> = {}) => rawFlow({ start_time: T0 - 300, end_time: T0 - 10, ...o });

async function rulesOf(store: StateStore, cluster: string) {
  const recs = await store.listRecommendations(cluster);
  return Object.fromEntries(recs.map((r) => [r.value.namespace, { egress: r.value.egress, ingress: r.value.ingress }]));
}

describe('processFlows against the S3 and DynamoDB emulators', () => {
  let s3: S3Client;
  let bucket: string;
  beforeAll(async () => {
    s3 = s3Client();
    bucket = await freshBucket(s3);
  });

  it('learns from both archive layouts, across runs, per cluster, ignoring other log types', async () => {
    const { store } = await freshStore();
    await registerCluster(store, { id: 'east', flowLogs: { bucket, prefix: 'east' }, registeredAt: T0 });
    await registerCluster(store, { id: 'west', flowLogs: { bucket, prefix: 'west' }, registeredAt: T0 });
    await putObject(s3, bucket, fluentdKey('east', DAY, 0), fluentdObject([at({ dest_port: 5432 })]));
    await putObject(s3, bucket, fluentBitKey('east', DAY, 'aaaaaaaa'), fluentBitObject([at({ source_namespace: 'cart', dest_port: 6379 })]));
    await putObject(s3, bucket, `east/dns${DAY}_0.gz`, fluentdObject([at({ source_namespace: 'dnsonly' })]));
    await putObject(s3, bucket, fluentdKey('west', DAY, 0), fluentdObject([at({ source_namespace: 'web', dest_port: 443 })]));
    const clock = new TestClock(T0);

    const first = await run('east', processDeps(store, s3, clock));
    expect(first.ran && first.summary.objects.done).toBe(2);
    expect(Object.keys(await rulesOf(store, 'east')).sort()).toEqual(['cart', 'shop']);
    expect(Object.keys(await rulesOf(store, 'west'))).toEqual([]);

    await run('west', processDeps(store, s3, clock));
    expect(Object.keys(await rulesOf(store, 'west'))).toEqual(['web']);

    // A later object grows the existing rule in the next run; done objects are not read again.
    await putObject(s3, bucket, fluentdKey('east', DAY, 1), fluentdObject([at({ dest_port: 5433 })]));
    clock.advance(150);
    const second = await run('east', processDeps(store, s3, clock));
    expect(second.ran && second.summary.objects.done).toBe(1);
    const shop = (await store.getRecommendation('east', 'shop'))!;
    expect(shop.value.egress[0]!.ports).toEqual([5432, 5433]);
    expect(shop.value.egress[0]!.evidence.records).toBe(2);
  });

  it('initial lookback: records older than initialLookback are history', async () => {
    const { store } = await freshStore();
    await registerCluster(store, { id: 'c', flowLogs: { bucket, prefix: 'lookback' }, registeredAt: T0 }, { initialLookback: '1h' });
    await putObject(s3, bucket, fluentdKey('lookback', DAY, 0), fluentdObject([at({ dest_port: 1 }), at({ dest_port: 2, end_time: T0 - 7200 })]));
    const out = await run('c', processDeps(store, s3, new TestClock(T0)));
    expect(out.ran && out.summary.stats.skipped.outOfWindow).toBe(1);
    expect((await store.getRecommendation('c', 'shop'))!.value.egress[0]!.ports).toEqual([1]);
  });

  it('advances statuses by time alone and applies the learning cut-off', async () => {
    const { store } = await freshStore();
    await registerCluster(store, { id: 'c', flowLogs: { bucket, prefix: 'status' }, registeredAt: T0 }, { policiesLearningCutOff: 1 });
    await putObject(s3, bucket, fluentdKey('status', DAY, 0), fluentdObject([at(), at({ source_namespace: 'zzz' })]));
    const clock = new TestClock(T0);
    const first = await run('c', processDeps(store, s3, clock));
    expect(first.ran && first.summary.queued).toEqual(['zzz']);
    clock.advance(301);
    await run('c', processDeps(store, s3, clock));
    expect((await store.getRecommendation('c', 'shop'))!.value.status).toBe('Stabilizing');
    clock.advance(600);
    await run('c', processDeps(store, s3, clock));
    expect((await store.getRecommendation('c', 'shop'))!.value.status).toBe('Stable');
  });

  it('uses the namespace labels read back from the cluster and never recreates a deleted namespace', async () => {
    const { store } = await freshStore();
    await registerCluster(store, { id: 'c', flowLogs: { bucket, prefix: 'labels' }, registeredAt: T0 }, {
      namespaceSpec: { recStatus: 'Enabled', selector: 'team == "web"' },
    } as never);
    await store.replaceNamespaces('c', 1_800_000_000, [
      { name: 'shop', labels: { team: 'web' } },
      { name: 'cart', labels: { team: 'data' } },
      { name: 'gone', labels: { team: 'web' } },
    ]);
    await store.replaceNamespaces('c', 1_800_000_000, [
      { name: 'shop', labels: { team: 'web' } },
      { name: 'cart', labels: { team: 'data' } },
    ]);
    await putObject(
      s3,
      bucket,
      fluentdKey('labels', DAY, 0),
      fluentdObject([
        at(),
        at({ source_namespace: 'cart' }),
        at({ source_namespace: 'gone' }),
        at({ dest_type: 'wep', dest_namespace: 'gone', dest_name_aggr: 'api-*', dest_port: 80 }),
        at({ source_namespace: 'newer', dest_port: 9 }),
      ]),
    );
    const out = await run('c', processDeps(store, s3, new TestClock(T0)));
    // 'newer' was created after the last read-back: its labels are unknown, so it is learned and
    // the next push decides; 'gone' is never recreated, nor are rules towards it.
    expect((await store.listRecommendations('c')).map((r) => r.value.namespace).sort()).toEqual(['newer', 'shop']);
    expect((await store.getRecommendation('c', 'shop'))!.value.egress.map((r) => r.kind)).toEqual(['Private']);
    expect(out.ran && out.summary.stats.skipped.outOfScope).toBe(2);
  });

  it('a disabled scope learns nothing and skips notified objects; enabling it later learns the lookback', async () => {
    const { store } = await freshStore();
    await registerCluster(store, { id: 'c', flowLogs: { bucket, prefix: 'disabled' }, registeredAt: T0 }, { namespaceSpec: { recStatus: 'Disabled' } } as never);
    const key = fluentdKey('disabled', DAY, 0);
    await putObject(s3, bucket, key, fluentdObject([at()]));
    await store.addObject('c', { key, size: 1, arrivedAt: T0 }, T0 + 86_400); // as indexFlowLogs would
    const off = await run('c', processDeps(store, s3, new TestClock(T0)));
    expect(off.ran && off.summary.objects.skipped).toBe(1);
    expect(await store.listRecommendations('c')).toEqual([]);
    expect(await store.listPending('c', 10)).toEqual([]);

    const scope = (await store.getScope('c'))!;
    await store.putScope('c', { ...scope.value, namespaceSpec: { ...scope.value.namespaceSpec, recStatus: 'Enabled' } }, scope.version);
    const on = await run('c', processDeps(store, s3, new TestClock(T0 + 60)));
    expect(on.ran && on.summary.objects.done).toBe(1);
    expect((await store.listRecommendations('c')).map((r) => r.value.namespace)).toEqual(['shop']);
  });

  it('a truncated gzip object is marked failed, its complete lines are used, and others are unaffected', async () => {
    const { store } = await freshStore();
    await registerCluster(store, { id: 'c', flowLogs: { bucket, prefix: 'trunc' }, registeredAt: T0 });
    const many = Array.from({ length: 2000 }, (_, i) => at({ dest_port: 1000 + (i % 50) }));
    const whole = fluentdObject(many);
    await putObject(s3, bucket, fluentdKey('trunc', DAY, 0), whole.subarray(0, Math.floor(whole.length * 0.6)));
    await putObject(s3, bucket, fluentdKey('trunc', DAY, 1), fluentdObject([at({ source_namespace: 'ok' })]));
    const out = await run('c', processDeps(store, s3, new TestClock(T0)));
    expect(out.ran && out.summary.objects).toMatchObject({ done: 1, failed: 1 });
    expect(out.ran && out.summary.stats.rejected.truncatedGzip).toBe(1);
    expect((await store.getRecommendation('c', 'shop'))!.value.egress[0]!.evidence.records).toBeGreaterThan(0);
    expect(await store.getRecommendation('c', 'ok')).toBeDefined();
  });

  it('a read that fails transiently is retried on later runs, then marked failed; a vanished object fails at once', async () => {
    const { store } = await freshStore();
    await registerCluster(store, { id: 'c', flowLogs: { bucket, prefix: 'flaky' }, registeredAt: T0 });
    await putObject(s3, bucket, fluentdKey('flaky', DAY, 0), fluentdObject([at({ dest_port: 1 })]));
    await putObject(s3, bucket, fluentdKey('flaky', DAY, 1), fluentdObject([at({ dest_port: 2 })]));
    await putObject(s3, bucket, fluentdKey('flaky', DAY, 2), fluentdObject([at({ dest_port: 3 })]));
    await store.addObject('c', { key: fluentdKey('flaky', DAY, 9), size: 1, arrivedAt: T0 }, T0 + 86_400); // never written to S3
    let failures = 0;
    const base = processDeps(store, s3, new TestClock(T0));
    const flaky = (failFirst: number, failAlways: boolean) => ({
      ...base.archive,
      open: (b: string, key: string) => {
        if (key === fluentdKey('flaky', DAY, 1) && failures++ < failFirst) return Promise.reject(new Error('socket hang up'));
        if (key === fluentdKey('flaky', DAY, 2) && failAlways) return Promise.reject(new Error('SlowDown'));
        return base.archive.open(b, key);
      },
    });
    const first = await run('c', { ...base, archive: flaky(1, true) });
    expect(first.ran && first.summary.objects).toMatchObject({ done: 1, failed: 1, retried: 2 });
    const second = await run('c', { ...processDeps(store, s3, new TestClock(T0 + 60)), archive: flaky(1, true) });
    expect(second.ran && second.summary.objects).toMatchObject({ done: 1, retried: 1 });
    const third = await run('c', { ...processDeps(store, s3, new TestClock(T0 + 120)), archive: flaky(1, true) });
    expect(third.ran && third.summary.objects).toMatchObject({ failed: 1, pendingLeft: 0 });
    expect((await store.getRecommendation('c', 'shop'))!.value.egress[0]!.ports).toEqual([1, 2]);
  });

  it('two overlapping runs: one holds the lease, the other skips; nothing is lost or doubled', async () => {
    const { store } = await freshStore();
    await registerCluster(store, { id: 'c', flowLogs: { bucket, prefix: 'overlap' }, registeredAt: T0 });
    for (let i = 0; i < 5; i++) await putObject(s3, bucket, fluentdKey('overlap', DAY, i), fluentdObject([at({ dest_port: 100 + i })]));
    const clock = new TestClock(T0);
    const [a, b] = await Promise.all([run('c', processDeps(store, s3, clock)), run('c', processDeps(store, s3, clock))]);
    expect([a.ran, b.ran].sort()).toEqual([false, true]);
    const shop = (await store.getRecommendation('c', 'shop'))!.value;
    expect(shop.egress[0]!.ports).toEqual([100, 101, 102, 103, 104]);
    expect(shop.egress[0]!.evidence.records).toBe(5);
  });

  it('stops taking new batches when the time budget is spent; the next run continues', async () => {
    const { store } = await freshStore();
    await registerCluster(store, { id: 'c', flowLogs: { bucket, prefix: 'budget' }, registeredAt: T0 });
    for (let i = 0; i < 3; i++) await putObject(s3, bucket, fluentdKey('budget', DAY, i), fluentdObject([at({ dest_port: 200 + i })]));
    let calls = 0;
    const limits = { maxObjectsPerBatch: 1 };
    const tight = processDeps(store, s3, new TestClock(T0), { budget: { remainingMs: () => (calls++ < 2 ? 600_000 : 0) } });
    const first = await run('c', { ...tight, limits: { ...tight.limits, ...limits } });
    expect(first.ran && first.summary.objects.done).toBeLessThan(3);
    expect(first.ran && first.summary.objects.pendingLeft).toBeGreaterThan(0);
    const rest = processDeps(store, s3, new TestClock(T0 + 60));
    await run('c', { ...rest, limits: { ...rest.limits, ...limits } });
    expect((await store.getRecommendation('c', 'shop'))!.value.egress[0]!.ports).toEqual([200, 201, 202]);
  });
});
