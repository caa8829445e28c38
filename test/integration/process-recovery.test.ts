import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createGzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, inject, it } from 'vitest';
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
      fluentBitObject([at({ dest_port: 2 }), at({ reporter: 'dst', dest_type: 'wep', dest_namespace: 'shop', dest_name_aggr: 'api-*', source_type: 'wep', source_namespace: 'cart', dest_port: 80 })]),
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

  it('reads an object far larger than the heap allows, streaming (child process with a 64 MB heap)', async () => {
    const { store, table } = await freshStore();
    await registerCluster(store, { id: 'big', flowLogs: { bucket, prefix: 'big' }, registeredAt: T0 });
    // ~1.5 KB records, 160 MB decompressed: reading it whole could not fit in a 64 MB heap.
    const filler = 'x'.repeat(1200);
    const lines = function* () {
      for (let i = 0; i < 110_000; i++) yield `${JSON.stringify({ ...at({ dest_port: 1000 + (i % 97) }), process_name: filler })}\n`;
    };
    const chunks: Buffer[] = [];
    for await (const c of Readable.from(lines()).pipe(createGzip({ level: 1 }))) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    await putObject(s3, bucket, fluentBitKey('big', DAY, 'cccccccc'), body);

    const { stdout } = await promisify(execFile)(process.execPath, ['--max-old-space-size=64', '--import', 'tsx', 'test/support/process-child.ts'], {
      env: { ...process.env, TABLE: table, DYNAMO: inject('dynamoEndpoint'), S3: inject('s3Endpoint'), CLUSTER: 'big', NOW: String(T0) },
      maxBuffer: 1 << 20,
    });
    const { out } = JSON.parse(stdout);
    expect(out.summary.stats.recordsRead).toBe(110_000);
    expect(out.summary.objects.done).toBe(1);
    const shop = (await store.getRecommendation('big', 'shop'))!.value;
    expect(shop.egress[0]!.ports).toHaveLength(97);
    expect(shop.egress[0]!.evidence.records).toBe(110_000);
  });
});
