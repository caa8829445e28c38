import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createGzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { S3Client } from '@aws-sdk/client-s3';
import { freshBucket, freshStore, putObject, s3Client } from '../support/aws';
import { fluentBitKey, rawFlow } from '../support/flowlog-files';
import { registerCluster } from '../support/process';

const T0 = Math.floor(Date.now() / 1000);
const DAY = new Date(T0 * 1000).toISOString().slice(0, 10).replace(/-/g, '');
const at = (o: Record<string, unknown> = {}) => rawFlow({ start_time: T0 - 300, end_time: T0 - 10, ...o });

/** Streaming proven under a bounded heap: a child process, 160 MB of flow logs (`npm run test:slow`). */
describe('processing an object larger than the heap', () => {
  let s3: S3Client;
  let bucket: string;
  beforeAll(async () => {
    s3 = s3Client();
    bucket = await freshBucket(s3);
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
