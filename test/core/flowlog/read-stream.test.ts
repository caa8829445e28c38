import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { constants, createGzip, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readFlowObject, type ObjectReadResult } from '../../../lib/core/flowlog/read-stream';
import type { FlowRecord } from '../../../lib/core/flowlog/record';
import { DROPPED } from '../../../lib/core/flowlog/dropped-fields';
import { chunked, fixturePath, fixtureText, FLUENT_BIT_EXAMPLE, FLUENTD_EXAMPLE, fluentdLine, rawRecord } from './fixtures';

async function readAll(body: AsyncIterable<Uint8Array> | NodeJS.ReadableStream, options?: { maxLineBytes?: number }): Promise<{ records: FlowRecord[]; result: ObjectReadResult }> {
  const records: FlowRecord[] = [];
  const result = await readFlowObject(body, (r) => records.push(r), options);
  return { records, result };
}

function lines(n: number, from = 0): string {
  let s = '';
  for (let i = from; i < from + n; i++) s += fluentdLine(rawRecord(i)) + '\n';
  return s;
}

const bytesInOf = (records: FlowRecord[]): number[] => records.map((r) => r.bytesIn);

describe('readFlowObject: encodings', () => {
  it('reads plain fluentd text (a file stream) and delivers the §4 example exactly', async () => {
    const { records, result } = await readAll(createReadStream(fixturePath('example-fluentd.log')));
    expect(records).toStrictEqual([FLUENTD_EXAMPLE]);
    const size = Buffer.byteLength(fixtureText('example-fluentd.log'));
    expect(result).toStrictEqual({ recordsRead: 1, rejected: {}, ignoredLines: 0, bytesIn: size, bytesDecompressed: size, truncated: false });
  });

  it('reads plain fluent-bit JSON Lines and delivers the §4 example exactly', async () => {
    const { records } = await readAll(createReadStream(fixturePath('example-fluent-bit.jsonl')));
    expect(records).toStrictEqual([FLUENT_BIT_EXAMPLE]);
  });

  it('detects gzip by its magic bytes and counts compressed and decompressed bytes', async () => {
    const text = fixtureText('example-fluentd.log') + fixtureText('example-fluent-bit.jsonl');
    const gz = gzipSync(text);
    const { records, result } = await readAll(chunked(gz, 100));
    expect(records).toStrictEqual([FLUENTD_EXAMPLE, FLUENT_BIT_EXAMPLE]);
    expect(result).toMatchObject({ recordsRead: 2, bytesIn: gz.length, bytesDecompressed: Buffer.byteLength(text), truncated: false });
  });

  it('detects gzip when the magic bytes arrive in separate 1-byte chunks', async () => {
    const { records } = await readAll(chunked(gzipSync(lines(3)), 1));
    expect(bytesInOf(records)).toStrictEqual([0, 1, 2]);
  });

  it('reads every member of concatenated gzip members', async () => {
    const body = Buffer.concat([gzipSync(lines(3, 0)), gzipSync(lines(4, 3)), gzipSync(lines(2, 7))]);
    const { records, result } = await readAll(chunked(body, 50));
    expect(bytesInOf(records)).toStrictEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(result.truncated).toBe(false);
  });

  it('reads a member boundary that splits a line (the line continues in the next member)', async () => {
    const text = lines(2);
    const cut = 40;
    const body = Buffer.concat([gzipSync(text.slice(0, cut)), gzipSync(text.slice(cut))]);
    expect(bytesInOf((await readAll(chunked(body, 64))).records)).toStrictEqual([0, 1]);
  });

  it('treats a body that starts with 0x1f but is not gzip as plain text (badFraming)', async () => {
    const { result } = await readAll(chunked(Buffer.from('\x1fxyz\n'), 1));
    expect(result).toMatchObject({ recordsRead: 1, rejected: { badFraming: 1 }, truncated: false });
  });

  it('accepts string chunks from a stream with an encoding set', async () => {
    const stream = createReadStream(fixturePath('example-fluentd.log'));
    stream.setEncoding('utf8');
    expect((await readAll(stream)).records).toStrictEqual([FLUENTD_EXAMPLE]);
  });

  it('reads an empty body as nothing', async () => {
    const { records, result } = await readAll(chunked(Buffer.alloc(0)));
    expect(records).toStrictEqual([]);
    expect(result).toStrictEqual({ recordsRead: 0, rejected: {}, ignoredLines: 0, bytesIn: 0, bytesDecompressed: 0, truncated: false });
  });

  it('decodes multi-byte UTF-8 split across chunks (non-ASCII in ignored fields does not hurt)', async () => {
    const text = fluentdLine(rawRecord(5, { process_name: 'prôcess-✓-名前' })) + '\n';
    const { records, result } = await readAll(chunked(Buffer.from(text), 1));
    expect(bytesInOf(records)).toStrictEqual([5]);
    expect(result.rejected).toStrictEqual({});
  });
});

describe('readFlowObject: damaged gzip', () => {
  const text = lines(2000);
  const gz = gzipSync(text);

  it.each([
    [0.1, 1],
    [0.6, 4096],
    [0.6, 777],
    [0.999, 65536],
  ])('keeps every complete line before a cut at %s of the object (chunks of %s bytes), counts one truncatedGzip and resolves', async (fraction, size) => {
    const cut = gz.subarray(0, Math.floor(gz.length * fraction));
    // What a lenient inflater recovers from the same bytes: its complete lines are the expectation.
    const recoverable = gunzipSync(cut, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
    const complete = recoverable.slice(0, recoverable.lastIndexOf('\n') + 1).split('\n').length - 1;
    expect(complete).toBeGreaterThan(10);

    const { records, result } = await readAll(chunked(cut, size));
    expect(bytesInOf(records)).toStrictEqual(Array.from({ length: complete }, (_, i) => i));
    expect(result).toMatchObject({ truncated: true, rejected: { truncatedGzip: 1 }, recordsRead: complete + 1, bytesIn: cut.length });
  });

  it('reports truncation when only the gzip trailer (CRC and size) is missing, keeping every line', async () => {
    const { records, result } = await readAll(chunked(gz.subarray(0, gz.length - 8), 1000));
    expect(records).toHaveLength(2000);
    expect(result).toMatchObject({ truncated: true, rejected: { truncatedGzip: 1 } });
  });

  it('handles a cut inside the gzip header', async () => {
    const { records, result } = await readAll(chunked(gz.subarray(0, 5)));
    expect(records).toStrictEqual([]);
    expect(result).toMatchObject({ truncated: true, rejected: { truncatedGzip: 1 } });
  });

  it('handles corrupt deflate data mid-stream: earlier lines kept, truncated reported', async () => {
    const corrupt = Buffer.from(gz);
    for (let i = Math.floor(corrupt.length / 2); i < corrupt.length - 8; i++) corrupt[i] = 0xff;
    const { records, result } = await readAll(chunked(corrupt, 1024));
    expect(result.truncated).toBe(true);
    expect(result.rejected.truncatedGzip).toBe(1);
    expect(records.length).toBeLessThan(2000);
    expect(bytesInOf(records)).toStrictEqual(Array.from({ length: records.length }, (_, i) => i));
  });

  it('ignores zero padding after the last member', async () => {
    const { records, result } = await readAll(chunked(Buffer.concat([gzipSync(lines(3)), Buffer.alloc(512)])));
    expect(bytesInOf(records)).toStrictEqual([0, 1, 2]);
    expect(result).toMatchObject({ truncated: false, rejected: {} });
  });

  it('reports non-gzip bytes after a member as damage instead of throwing', async () => {
    const { result } = await readAll(chunked(Buffer.concat([gzipSync(lines(3)), Buffer.from('junk\n')])));
    expect(result).toMatchObject({ truncated: true, rejected: { truncatedGzip: 1 } });
  });

  it('reports truncation after a complete first member when the second is cut', async () => {
    const second = gzipSync(lines(5, 3));
    const body = Buffer.concat([gzipSync(lines(3)), second.subarray(0, 10)]);
    const { records, result } = await readAll(chunked(body, 16));
    expect(bytesInOf(records)).toStrictEqual([0, 1, 2]);
    expect(result.truncated).toBe(true);
  });
});

describe('readFlowObject: line handling', () => {
  it('counts garbage lines by reason and still delivers the good ones', async () => {
    const text = [
      fluentdLine(rawRecord(1)),
      'not a framed line',
      '{"broken json',
      fluentdLine([1, 2]),
      fluentdLine(rawRecord(2, { action: 'maybe' })),
      fluentdLine(rawRecord(3, { dest_port: 0, proto: 'tcp' })),
      fluentdLine(rawRecord(4, { start_time: '12' })),
      fluentdLine(rawRecord(5, { policies: { all_policies: ['nonsense'] } })),
      fluentdLine({ qname: 'example.com' }, 'dns'),
      '',
      '   ',
      JSON.stringify({ date: 'x', ...rawRecord(6) }),
      fluentdLine(rawRecord(7), 'non-cluster-flows'),
      fluentdLine(rawRecord(8, { proto: 0 })),
      // An invalid name is the classification's to judge: the reader delivers it, dropped.
      fluentdLine(rawRecord(9, { dest_namespace: "shop' || true" })),
    ].join('\n');
    const { records, result } = await readAll(chunked(gzipSync(text), 33));
    expect(bytesInOf(records)).toStrictEqual([1, 6, 7, 9]);
    expect(records[3]).toMatchObject({ destNamespace: null, dropped: DROPPED.dest_namespace });
    expect(result).toMatchObject({
      recordsRead: 12,
      ignoredLines: 1,
      truncated: false,
      rejected: { badFraming: 1, notJson: 1, wrongType: 2, unknownEnum: 1, portZero: 1, protocolZero: 1, badPolicyTrace: 1 },
    });
  });

  it('reads CRLF line endings', async () => {
    const text = lines(3).replaceAll('\n', '\r\n');
    const { records, result } = await readAll(chunked(Buffer.from(text), 7));
    expect(bytesInOf(records)).toStrictEqual([0, 1, 2]);
    expect(result.rejected).toStrictEqual({});
  });

  it('delivers a last line that has no newline', async () => {
    const text = lines(2) + fluentdLine(rawRecord(2));
    expect(bytesInOf((await readAll(chunked(gzipSync(text), 10))).records)).toStrictEqual([0, 1, 2]);
  });

  it('skips a line over maxLineBytes as lineTooLong and keeps reading (plain and gzip)', async () => {
    const huge = fluentdLine(rawRecord(99, { padding: 'p'.repeat(5000) }));
    const text = `${lines(1)}${huge}\n${lines(1, 1)}`;
    for (const body of [Buffer.from(text), gzipSync(text)]) {
      const { records, result } = await readAll(chunked(body, 512), { maxLineBytes: 1024 });
      expect(bytesInOf(records)).toStrictEqual([0, 1]);
      expect(result).toMatchObject({ recordsRead: 3, rejected: { lineTooLong: 1 } });
    }
  });

  it('uses a 1 MiB default limit', async () => {
    const big = fluentdLine(rawRecord(1, { padding: 'p'.repeat(1024 * 1024) }));
    const fits = fluentdLine(rawRecord(2, { padding: 'p'.repeat(1000 * 1024) }));
    const { records, result } = await readAll(chunked(gzipSync(`${big}\n${fits}\n`)));
    expect(bytesInOf(records)).toStrictEqual([2]);
    expect(result.rejected).toStrictEqual({ lineTooLong: 1 });
  });

  it('refuses a maxLineBytes that is not a positive integer', async () => {
    await expect(readFlowObject(chunked(Buffer.from('')), () => {}, { maxLineBytes: 0 })).rejects.toThrow(RangeError);
    await expect(readFlowObject(chunked(Buffer.from('')), () => {}, { maxLineBytes: 1.5 })).rejects.toThrow(RangeError);
  });
});

describe('readFlowObject: failures that are not the content', () => {
  async function* failingAfter(first: Buffer, closed: { value: boolean }): AsyncGenerator<Uint8Array> {
    try {
      yield first;
      throw new Error('socket reset');
    } finally {
      closed.value = true;
    }
  }

  it('propagates a body error (not reported as truncation) for gzip and plain bodies', async () => {
    for (const first of [gzipSync(lines(50)).subarray(0, 200), Buffer.from(lines(2))]) {
      const closed = { value: false };
      await expect(readAll(failingAfter(first, closed))).rejects.toThrow('socket reset');
      expect(closed.value).toBe(true);
    }
  });

  it('propagates an error thrown by the sink and stops reading the body', async () => {
    for (const body of [gzipSync(lines(100)), Buffer.from(lines(100))]) {
      const stream = Readable.from(chunked(body, 256));
      let delivered = 0;
      const read = readFlowObject(stream, () => {
        delivered++;
        if (delivered === 3) throw new Error('sink failed');
      });
      await expect(read).rejects.toThrow('sink failed');
      expect(delivered).toBe(3);
      expect(stream.destroyed).toBe(true);
    }
  });
});

describe('readFlowObject: large streams', () => {
  it('reads 200k records gzipped on the fly from a generator stream', async () => {
    const total = 200_000;
    const line = (i: number): string =>
      `2024-06-01T12:05:04+00:00\tflows\t{"start_time":1717243200,"end_time":1717243500,"source_name":"-","source_name_aggr":"checkout-7d9f8b6c5d-*","source_namespace":"shop","source_type":"wep","source_labels":{"labels":["app=checkout","pod-template-hash=7d9f8b6c5d"]},"dest_name":"-","dest_name_aggr":"pub","dest_namespace":"-","dest_port":443,"dest_type":"net","dest_domains":["api.stripe.com"],"proto":"tcp","action":"allow","reporter":"src","policies":{"all_policies":["0|__PROFILE__|__PROFILE__.kns.shop|allow|0"]},"bytes_in":${i},"bytes_out":9120,"num_flows":1,"packets_in":61,"packets_out":47,"host":"ip-10-0-1-23","@timestamp":"1717243500000"}\n`;
    function* generate(): Generator<string> {
      let batch = '';
      for (let i = 0; i < total; i++) {
        batch += line(i);
        if (batch.length > 256 * 1024) {
          yield batch;
          batch = '';
        }
      }
      yield batch;
    }
    const body = Readable.from(generate()).pipe(createGzip());
    let count = 0;
    let sum = 0;
    let inOrder = true;
    const result = await readFlowObject(body, (r) => {
      if (r.bytesIn !== count) inOrder = false;
      count++;
      sum += r.bytesIn;
    });
    expect(count).toBe(total);
    expect(inOrder).toBe(true);
    expect(sum).toBe((total * (total - 1)) / 2);
    expect(result).toMatchObject({ recordsRead: total, rejected: {}, truncated: false });
    expect(result.bytesDecompressed).toBeGreaterThan(total * 500);
  });
});
