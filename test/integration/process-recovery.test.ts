import { beforeAll, describe, expect, it } from 'vitest';
import type { S3Client } from '@aws-sdk/client-s3';
import type { StateStore } from '../../lib/app/store';
import { freshBucket, freshStore, putObject, s3Client } from '../support/aws';
import { fluentBitKey, fluentBitObject, fluentdKey, fluentdObject, rawFlow } from '../support/flowlog-files';
import { processDeps, registerCluster, run, TestClock } from '../support/process';

const T0 = Math.floor(Date.now() / 1000);
const DAY = new Date(T0 * 1000).toISOString().slice(0, 10).replace(/-/g, '');
const at = (o: Record<string, unknown> = {}) => rawFlow({ start_time: T0 - 300, end_time: T0 - 10, ...o });

async function snapshot(store: StateStore, cluster: string) {
  const recs = await store.listRecommendations(cluster);
  return recs.map((r) => r.value).sort((a, b) => (a.namespace < b.namespace ? -1 : 1));
}

/** A store whose `method` throws on its `failOn`-th call: the run "dies" right there. */
function crashing(store: StateStore, method: keyof StateStore, failOn: number): StateStore {
  let calls = 0;
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop !== method || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (++calls === failOn) throw new Error(`injected crash in ${String(method)}`);
        return value.apply(target, args);
      };
    },
  });
}

describe('exactly-once effect of processing', () => {
  let s3: S3Client;
  let bucket: string;
  beforeAll(async () => {
    s3 = s3Client();
    bucket = await freshBucket(s3);
    const objects = [
      fluentdObject([at({ dest_port: 1 }), at({ source_namespace: 'cart', dest_type: 'wep', dest_namespace: 'shop', dest_name_aggr: 'api-*', dest_port: 80 })]),
      fluentBitObject([
        at({ dest_port: 2 }),
        at({ reporter: 'dst', dest_type: 'wep', dest_namespace: 'shop', dest_name_aggr: 'api-*', source_type: 'wep', source_namespace: 'cart', dest_port: 80 }),
      ]),
      fluentdObject([at({ source_namespace: 'web', dest_port: 443, dest_name_aggr: 'pub', dest_domains: ['example.com'] })]),
    ];
    for (const prefix of ['ref', 'crash-mark', 'crash-write']) {
      await putObject(s3, bucket, fluentdKey(prefix, DAY, 0), objects[0]!);
      await putObject(s3, bucket, fluentBitKey(prefix, DAY, 'bbbbbbbb'), objects[1]!);
      await putObject(s3, bucket, fluentdKey(prefix, DAY, 1), objects[2]!);
    }
  });

  async function uninterrupted() {
    const { store } = await freshStore();
    await registerCluster(store, { id: 'c', flowLogs: { bucket, prefix: 'ref' }, registeredAt: T0 });
    await run('c', processDeps(store, s3, new TestClock(T0)));
    return snapshot(store, 'c');
  }

  it.each([
    ['between the recommendation writes and marking objects done', 'crash-mark', 'markObject', 1],
    ['between two recommendation writes', 'crash-write', 'putRecommendation', 2],
  ] as const)('a run that dies %s is finished by the next run with identical rules and evidence', async (_, prefix, method, failOn) => {
    const reference = await uninterrupted();
    const { store } = await freshStore();
    await registerCluster(store, { id: 'c', flowLogs: { bucket, prefix }, registeredAt: T0 });
    const clock = new TestClock(T0);
    const crashed = await run('c', processDeps(crashing(store, method, failOn), s3, clock));
    expect(crashed.ran && crashed.summary.error).toMatch(/injected crash/);
    expect(await store.getOpenBatch('c')).toBeDefined();
    const rerun = await run('c', processDeps(store, s3, clock));
    expect(rerun.ran && rerun.summary.error).toBeUndefined();
    expect(await store.getOpenBatch('c')).toBeUndefined();
    expect(await store.listPending('c', 10)).toEqual([]);
    expect(await snapshot(store, 'c')).toEqual(reference);
  });
});
