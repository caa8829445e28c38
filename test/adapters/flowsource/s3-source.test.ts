import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { GetObjectCommand, ListObjectsV2Command, NoSuchBucket, NoSuchKey, S3Client, S3ServiceException, type GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FlowObjectNotFoundError, FlowSourceError } from '../../../lib/adapters/flowsource/errors';
import { listObjects, openObject } from '../../../lib/adapters/flowsource/s3-source';
import { readFlowObject } from '../../../lib/core/flowlog/read-stream';

const s3 = mockClient(S3Client);
// The class stays mocked for this file only: later files in the same worker (isolate: false) use the real client.
afterAll(() => {
  s3.restore();
});
const client = new S3Client({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIATESTKEY', secretAccessKey: 'secret' } });
afterEach(() => s3.reset());

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

const asBody = (stream: Readable): GetObjectCommandOutput['Body'] => stream as unknown as GetObjectCommandOutput['Body'];

describe('listObjects', () => {
  it('follows continuation tokens across pages and maps each object', async () => {
    const t = new Date('2024-06-01T12:00:00Z');
    s3.on(ListObjectsV2Command, { Bucket: 'logs', Prefix: 'c/flows', ContinuationToken: undefined }).resolves({
      IsTruncated: true,
      NextContinuationToken: 'page-2',
      Contents: [{ Key: 'c/flows20240601_0.gz', Size: 10, ETag: '"e0"', LastModified: t }],
    });
    s3.on(ListObjectsV2Command, { Bucket: 'logs', Prefix: 'c/flows', ContinuationToken: 'page-2' }).resolves({
      IsTruncated: true,
      NextContinuationToken: 'page-3',
      Contents: [{ Key: 'c/flows/20240601_a1B2c3D4.gz', Size: 20, ETag: '"e1"', LastModified: t }, { Size: 1 }],
    });
    s3.on(ListObjectsV2Command, { Bucket: 'logs', Prefix: 'c/flows', ContinuationToken: 'page-3' }).resolves({
      IsTruncated: false,
      Contents: [{ Key: 'c/flows20240601_1.gz' }],
    });

    expect(await collect(listObjects(client, 'logs', 'c/flows'))).toStrictEqual([
      { key: 'c/flows20240601_0.gz', size: 10, etag: '"e0"', lastModified: t },
      { key: 'c/flows/20240601_a1B2c3D4.gz', size: 20, etag: '"e1"', lastModified: t },
      { key: 'c/flows20240601_1.gz', size: 0, etag: '', lastModified: null },
    ]);
    expect(s3.commandCalls(ListObjectsV2Command)).toHaveLength(3);
  });

  it('yields nothing for an empty prefix listing', async () => {
    s3.on(ListObjectsV2Command).resolves({ IsTruncated: false });
    expect(await collect(listObjects(client, 'logs', 'none/flows'))).toStrictEqual([]);
  });

  it('streams pages lazily: stopping after the first object makes one request', async () => {
    s3.on(ListObjectsV2Command).resolves({ IsTruncated: true, NextContinuationToken: 'more', Contents: [{ Key: 'a' }, { Key: 'b' }] });
    for await (const obj of listObjects(client, 'logs', '')) {
      expect(obj.key).toBe('a');
      break;
    }
    expect(s3.commandCalls(ListObjectsV2Command)).toHaveLength(1);
  });

  it('translates a listing failure into FlowSourceError with the bucket and code, without the SDK message', async () => {
    s3.on(ListObjectsV2Command).rejects(new NoSuchBucket({ message: 'The specified bucket does not exist (AKIATESTKEY)', $metadata: { httpStatusCode: 404 } }));
    const err = await caught(collect(listObjects(client, 'logs', 'c/flows')));
    expect(err).toBeInstanceOf(FlowSourceError);
    expect(err).not.toBeInstanceOf(FlowObjectNotFoundError);
    expect(err).toMatchObject({ bucket: 'logs', key: undefined, code: 'NoSuchBucket' });
    expect((err as Error).message).toBe('S3 ListObjectsV2 failed for s3://logs: NoSuchBucket, HTTP 404');
    expect((err as Error).cause).toBeInstanceOf(NoSuchBucket);
  });
});

describe('openObject', () => {
  it('returns the body as a stream that readFlowObject consumes', async () => {
    const text = 't\tflows\t{"action":"allow","bytes_in":5}\n';
    s3.on(GetObjectCommand, { Bucket: 'logs', Key: 'c/flows20240601_0.gz' }).resolves({ Body: asBody(Readable.from([gzipSync(text)])) });
    const body = await openObject(client, 'logs', 'c/flows20240601_0.gz');
    const seen: number[] = [];
    const result = await readFlowObject(body, (r) => seen.push(r.bytesIn));
    expect(seen).toStrictEqual([5]);
    expect(result.recordsRead).toBe(1);
  });

  it('maps NoSuchKey to FlowObjectNotFoundError with bucket and key', async () => {
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } }));
    const err = await caught(openObject(client, 'logs', 'c/flows20240601_0.gz'));
    expect(err).toBeInstanceOf(FlowObjectNotFoundError);
    expect(err).toBeInstanceOf(FlowSourceError);
    expect(err).toMatchObject({ name: 'FlowObjectNotFoundError', bucket: 'logs', key: 'c/flows20240601_0.gz', code: 'NoSuchKey' });
    expect((err as Error).message).toBe('flow-log object not found: s3://logs/c/flows20240601_0.gz');
  });

  it('maps other service errors to FlowSourceError without echoing the SDK message', async () => {
    s3.on(GetObjectCommand).rejects(
      new S3ServiceException({
        name: 'AccessDenied',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
        message: 'Access Denied for AKIATESTKEY secret',
      }),
    );
    const err = await caught(openObject(client, 'logs', 'k'));
    expect(err).toBeInstanceOf(FlowSourceError);
    expect(err).not.toBeInstanceOf(FlowObjectNotFoundError);
    expect((err as Error).message).toBe('S3 GetObject failed for s3://logs/k: AccessDenied, HTTP 403');
    expect((err as Error).message).not.toMatch(/AKIA|secret/);
  });

  it('maps a network error without a code to FlowSourceError', async () => {
    s3.on(GetObjectCommand).rejects(Object.assign(new Error('socket hang up'), { name: 'Error' }));
    const err = await caught(openObject(client, 'logs', 'k'));
    expect(err).toBeInstanceOf(FlowSourceError);
    expect((err as FlowSourceError).key).toBe('k');
  });

  it('turns an error while streaming the body into FlowSourceError', async () => {
    const failing = new Readable({
      read() {
        this.destroy(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
      },
    });
    s3.on(GetObjectCommand).resolves({ Body: asBody(failing) });
    const body = await openObject(client, 'logs', 'k');
    const err = await caught(readFlowObject(body, () => {}));
    expect(err).toBeInstanceOf(FlowSourceError);
    expect(err).toMatchObject({ bucket: 'logs', key: 'k' });
  });

  it('refuses a response without a body', async () => {
    s3.on(GetObjectCommand).resolves({});
    await expect(openObject(client, 'logs', 'k')).rejects.toBeInstanceOf(FlowSourceError);
  });
});
