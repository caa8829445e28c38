/** What `readFlowObject` accepts: an S3 body, a file stream, any async iterable of bytes. */
export type FlowObjectBody = AsyncIterable<Uint8Array> | NodeJS.ReadableStream;

export interface SniffedBody {
  readonly gzip: boolean;
  readonly chunks: AsyncIterable<Buffer>;
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  throw new TypeError('flow object body yielded a chunk that is not bytes');
}

/**
 * Reads the first chunks of a body, enough to see the gzip magic bytes `1f 8b`, and hands back
 * the verdict with an iterable of the whole body (those chunks first). `onBytes` sees every raw
 * chunk's size. Leaving the iterable early closes the body (e.g. an S3 socket).
 */
export async function sniff(body: FlowObjectBody, onBytes: (n: number) => void): Promise<SniffedBody> {
  const it = (body as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let done = false;
  try {
    while (headBytes < 2) {
      const r = await it.next();
      if (r.done === true) {
        done = true;
        break;
      }
      const b = toBuffer(r.value);
      head.push(b);
      headBytes += b.length;
      onBytes(b.length);
    }
  } catch (err) {
    await it.return?.();
    throw err;
  }
  const first = head.length === 1 ? (head[0] as Buffer) : Buffer.concat(head);
  const gzip = first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b;

  async function* rest(): AsyncGenerator<Buffer> {
    let finished = done;
    try {
      if (first.length > 0) yield first;
      while (!finished) {
        const r = await it.next();
        if (r.done === true) {
          finished = true;
          return;
        }
        const b = toBuffer(r.value);
        onBytes(b.length);
        yield b;
      }
    } finally {
      // Stops the underlying stream (e.g. an S3 socket) when we leave early.
      if (!finished) await it.return?.();
    }
  }
  return { gzip, chunks: rest() };
}
