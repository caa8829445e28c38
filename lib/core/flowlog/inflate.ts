import { constants, createGunzip, type Gunzip } from 'node:zlib';

/**
 * Much larger than zlib's 16 KiB default: each output chunk costs a thread-pool round trip and a
 * callback, so fewer of them is measurably faster (scripts/bench), still a small fixed footprint.
 */
const INFLATE_CHUNK_BYTES = 256 * 1024;
const MIN_OUTPUT_BYTES = 64 * 1024;

/**
 * Inflates `source` (one or more concatenated gzip members) and hands each output chunk to
 * `onData`. Resolves with the zlib error when the data is cut off or corrupt, null when clean;
 * errors from the source or from `onData` are thrown. On a cut-off stream everything before the
 * cut has been delivered; on corrupt data zlib drops the output of the call that failed.
 *
 * Output is collected from 'data' events rather than through the stream's async iterator: the
 * iterator drops buffered output once the stream is destroyed by a zlib error, and that output is
 * exactly the part of a truncated object we want to keep.
 *
 * `onData` does not run inside the 'data' event but in a microtask right after it: zlib pushes
 * a chunk and only then asks its thread-pool thread for the next one, so parsing inside the event
 * kept the inflater idle. Deferred, parsing one chunk overlaps inflating the next. At most a few
 * chunks wait: each zlib callback is followed by the microtask that consumes its output, and the
 * input is not written further while output is pending.
 *
 * `mode` `inThread` inflates synchronously in this thread instead (see `InflateMode`), into
 * `output` when given (any size from 64 KiB; its bytes are overwritten by the next call, so
 * several concurrent inflaters may share it).
 */
export async function inflate(source: AsyncIterable<Buffer>, onData: (chunk: Buffer) => void, mode: InflateMode = 'threadpool', output?: Buffer): Promise<Error | null> {
  if (mode === 'inThread') return inflateInThread(source, onData, output);
  const gunzip = createGunzip({ chunkSize: INFLATE_CHUNK_BYTES });
  let zlibError: Error | null = null;
  let consumerFailed = false;
  let consumerError: unknown;
  const pending: Buffer[] = [];
  let scheduled = false;
  let onDrained: (() => void) | undefined;
  const drain = (): void => {
    scheduled = false;
    for (let i = 0; i < pending.length && !consumerFailed; i++) {
      try {
        onData(pending[i] as Buffer);
      } catch (err) {
        consumerFailed = true;
        consumerError = err;
        gunzip.destroy();
      }
    }
    pending.length = 0;
    const wake = onDrained;
    onDrained = undefined;
    wake?.();
  };
  const settled = new Promise<void>((resolve) => {
    gunzip.on('data', (chunk: Buffer) => {
      if (consumerFailed) return;
      pending.push(chunk);
      if (!scheduled) {
        scheduled = true;
        queueMicrotask(drain);
      }
    });
    gunzip.on('error', (err: Error) => {
      zlibError ??= err;
      resolve();
    });
    gunzip.once('end', resolve);
    gunzip.once('close', resolve);
  });

  try {
    for await (const chunk of source) {
      if (gunzip.destroyed) break;
      if (!gunzip.write(chunk)) await drained(gunzip);
      if (pending.length > 0) {
        await new Promise<void>((resolve) => {
          onDrained = resolve;
        });
      }
    }
  } catch (err) {
    gunzip.destroy();
    throw err;
  }
  // Flush before ending: zlib processes whatever is still queued when end() is called with
  // Z_FINISH, and on a cut-off stream that call fails and its output is never pushed.
  if (!gunzip.destroyed) await flushed(gunzip);
  if (!gunzip.destroyed) gunzip.end();
  await settled;
  drain();
  if (consumerFailed) throw consumerError;
  return zlibError;
}

function flushed(gunzip: Gunzip): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      gunzip.off('close', done);
      resolve();
    };
    gunzip.on('close', done);
    gunzip.flush(constants.Z_SYNC_FLUSH, done);
  });
}

function drained(stream: NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/**
 * Where inflating runs: on a libuv thread-pool thread, overlapping this thread's parsing (the
 * default: best when this thread is the only busy one), or synchronously in this thread
 * (`inThread`: best when every core already runs a parsing thread, e.g. in the aggregation
 * workers; no hand-off to another thread, and the output is parsed while still in this core's
 * cache). The output is the same.
 */
export type InflateMode = 'threadpool' | 'inThread';

/**
 * zlib's synchronous primitive, as `gunzipSync` drives it (node:zlib `processChunkSync`): inflate
 * from `input` into `out`, then `_writeState` holds [output space left, input left]. Used
 * directly because `_processChunk` closes the stream after one call.
 */
interface ZlibHandle {
  writeSync(flush: number, input: Buffer, inOff: number, inLen: number, out: Buffer, outOff: number, outLen: number): void;
}
interface SyncGunzip extends Gunzip {
  _handle: ZlibHandle | null;
  _writeState: Uint32Array;
}

/**
 * `inflate` synchronously in this thread, streaming: each call fills at most one 256 KiB output
 * buffer, which goes to `onData` before the next call. Same contract: every output before a
 * cut-off is delivered, corrupt data ends with the zlib error, errors from the source or from
 * `onData` are thrown.
 */
async function inflateInThread(source: AsyncIterable<Buffer>, onData: (chunk: Buffer) => void, output?: Buffer): Promise<Error | null> {
  if (output !== undefined && output.length < MIN_OUTPUT_BYTES) throw new RangeError(`inflate output must hold at least ${MIN_OUTPUT_BYTES} bytes`);
  const gunzip = createGunzip({ chunkSize: INFLATE_CHUNK_BYTES }) as SyncGunzip;
  let zlibError: Error | null = null;
  const failed = new Promise<void>((resolve) => {
    gunzip.on('error', (err: Error) => {
      zlibError ??= err;
      resolve();
    });
  });
  const handle = gunzip._handle;
  const state = gunzip._writeState;
  if (handle === null || !(state instanceof Uint32Array)) throw new Error('zlib internals changed: no synchronous handle');
  // The reader passes a buffer inside its scanner's memory: lines are scanned where zlib wrote
  // them (wasm-scanner.ts).
  const out = output ?? Buffer.allocUnsafe(INFLATE_CHUNK_BYTES);
  const size = out.length;
  let outOff = 0;
  /** False when zlib failed (the error arrives as an 'error' event). */
  const step = (input: Buffer, flush: number): boolean => {
    let inOff = 0;
    let inLen = input.length;
    for (;;) {
      const before = size - outOff;
      handle.writeSync(flush, input, inOff, inLen, out, outOff, before);
      if (gunzip.destroyed) return false;
      const outLeft = state[0] as number;
      const inLeft = state[1] as number;
      const have = before - outLeft;
      if (have > 0) {
        const chunk = out.subarray(outOff, outOff + have);
        outOff += have;
        onData(chunk);
      }
      // `onData` is synchronous and keeps no view of a chunk (the line splitter copies a line
      // that straddles chunks), so one output buffer serves the whole object: no 256 KiB
      // allocation per call and no dead buffers waiting for the GC.
      if (outLeft === 0 || outOff >= size) outOff = 0;
      if (outLeft !== 0) return true;
      inOff += inLen - inLeft;
      inLen = inLeft;
    }
  };
  try {
    let ok = true;
    for await (const chunk of source) {
      ok = step(chunk, constants.Z_NO_FLUSH);
      if (!ok) break;
    }
    if (ok) ok = step(Buffer.alloc(0), constants.Z_FINISH);
    if (!ok) await failed;
    return zlibError;
  } finally {
    gunzip.close();
  }
}
