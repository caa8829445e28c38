import { constants, createGunzip, type Gunzip } from 'node:zlib';

/**
 * Much larger than zlib's 16 KiB default: each output chunk costs a thread-pool round trip and a
 * callback, so fewer of them is measurably faster (scripts/bench), still a small fixed footprint.
 */
const INFLATE_CHUNK_BYTES = 256 * 1024;

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
 */
export async function inflate(source: AsyncIterable<Buffer>, onData: (chunk: Buffer) => void): Promise<Error | null> {
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

