import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Dataset } from './dataset';

export interface Timing {
  readonly ms: number;
  /** CPU time of this process (all threads) during the run. */
  readonly cpuMs: number;
}

export async function timed<T>(run: () => Promise<T>): Promise<Timing & { value: T }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await run();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, value };
}

/**
 * The floor: every object gunzipped, one at a time, streaming, output discarded. Node's zlib
 * with a 256 KiB output chunk (the fastest setting measured) and 256 KiB file reads.
 */
export async function gunzipFloor(dataset: Dataset): Promise<number> {
  let out = 0;
  const sink = (): Writable =>
    new Writable({
      write(chunk: Buffer, _enc, done) {
        out += chunk.length;
        done();
      },
    });
  for (const file of dataset.files) {
    await pipeline(createReadStream(file.path, { highWaterMark: 256 * 1024 }), createGunzip({ chunkSize: 256 * 1024 }), sink());
  }
  if (out !== dataset.decompressedBytes) throw new Error(`floor inflated ${out} bytes, expected ${dataset.decompressedBytes}`);
  return out;
}
