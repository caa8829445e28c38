import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { InflateMode } from '../../lib/core/flowlog/inflate';
import { readFlowObject, type ObjectReadResult } from '../../lib/core/flowlog/read-stream';
import type { FlowRecord } from '../../lib/core/flowlog/record';
import { chunked, fluentdLine, rawRecord } from '../core/flowlog/fixtures';

/**
 * The aggregation workers inflate synchronously in their own thread into one output buffer inside
 * the scanner's memory, where lines are scanned in place (`inflate.ts`, mode `inThread`); the
 * main thread inflates on the libuv pool. Both must deliver
 * the same records and the same statistics for clean, multi-member, cut-off and corrupt input.
 */
async function read(bytes: Uint8Array, chunk: number, mode: InflateMode): Promise<{ records: FlowRecord[]; result: ObjectReadResult }> {
  const records: FlowRecord[] = [];
  const result = await readFlowObject(chunked(bytes, chunk), (r) => records.push(r), { inflate: mode });
  return { records, result };
}

function text(n: number, from = 0): string {
  let s = '';
  for (let i = from; i < from + n; i++) s += fluentdLine(rawRecord(i)) + '\n';
  return s;
}

// > 256 KiB of text per member, so lines straddle the reused output buffer many times.
const first = text(3000);
const second = text(2500, 3000);
const gz = Buffer.concat([gzipSync(first), gzipSync(second)]);

describe('inflate in this thread vs on the libuv pool', () => {
  it.each([1, 777, 16 * 1024, 256 * 1024, 4 * 1024 * 1024])('reads two gzip members identically (input chunks of %s bytes)', async (chunk) => {
    const pool = await read(gz, chunk, 'threadpool');
    const inThread = await read(gz, chunk, 'inThread');
    expect(pool.records).toHaveLength(5500);
    expect(inThread.records).toStrictEqual(pool.records);
    expect(inThread.result).toStrictEqual(pool.result);
    expect(inThread.result.bytesDecompressed).toBe(Buffer.byteLength(first) + Buffer.byteLength(second));
  });

  it.each([
    [0.05, 1000],
    [0.3, 4096],
    [0.5, 65536],
    [0.999, 777],
    [1 - 8 / gz.length, 100000],
  ])('keeps the same lines before a cut at %s of the object (chunks of %s bytes)', async (fraction, chunk) => {
    const cut = gz.subarray(0, Math.floor(gz.length * fraction));
    const recoverable = gunzipSync(cut, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
    const complete = recoverable.slice(0, recoverable.lastIndexOf('\n') + 1).split('\n').length - 1;
    const pool = await read(cut, chunk, 'threadpool');
    const inThread = await read(cut, chunk, 'inThread');
    expect(inThread.records).toHaveLength(complete);
    expect(inThread.records).toStrictEqual(pool.records);
    expect(inThread.result).toStrictEqual(pool.result);
    expect(inThread.result).toMatchObject({ truncated: true, rejected: { truncatedGzip: 1 } });
  });

  it('stops at corrupt data with truncated reported, keeping a prefix of the records', async () => {
    const corrupt = Buffer.from(gz);
    for (let i = Math.floor(gz.length / 3); i < Math.floor(gz.length / 3) + 64; i++) corrupt[i] = 0xff;
    const clean = await read(gz, 65536, 'inThread');
    const { records, result } = await read(corrupt, 65536, 'inThread');
    expect(result).toMatchObject({ truncated: true, rejected: { truncatedGzip: 1 } });
    expect(records.length).toBeGreaterThan(100);
    expect(records).toStrictEqual(clean.records.slice(0, records.length));
  });

  it('reads objects concurrently through the one output buffer they share, each as if alone', async () => {
    const other = gzipSync(text(2000, 9000));
    const [a, b] = await Promise.all([read(gz, 777, 'inThread'), read(other, 1000, 'inThread')]);
    expect(a.records).toHaveLength(5500);
    expect(a.records).toStrictEqual((await read(gz, 777, 'threadpool')).records);
    expect(b.records).toHaveLength(2000);
    expect(b.records).toStrictEqual((await read(other, 1000, 'threadpool')).records);
  });

  it('handles an empty body and a cut inside the header', async () => {
    expect((await read(gz.subarray(0, 5), 1, 'inThread')).result).toMatchObject({ truncated: true, rejected: { truncatedGzip: 1 } });
    expect((await read(new Uint8Array(0), 1, 'inThread')).result).toStrictEqual((await read(new Uint8Array(0), 1, 'threadpool')).result);
  });

  it('rethrows an error of the sink and of the body', async () => {
    await expect(
      readFlowObject(
        chunked(gz, 4096),
        () => {
          throw new Error('sink');
        },
        { inflate: 'inThread' },
      ),
    ).rejects.toThrow('sink');
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield gz.subarray(0, 10000);
      throw new Error('network');
    }
    await expect(readFlowObject(failing(), () => undefined, { inflate: 'inThread' })).rejects.toThrow('network');
  });
});
