import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BatchAggregate } from '../../core/engine';
import type { ObjectReadResult } from '../../core/flowlog/read-stream';
import type { FromWorker, ToWorker, WorkerConfig } from './protocol';

/**
 * A worker allocates fast and keeps little (records die young), so V8 grows its young generation
 * towards the maximum (≈ 48 MB per isolate). Capped, two workers stay well under the 300 MB
 * target. Since workers inflate in their own thread into one reused buffer (`inflate.ts`), the
 * cap costs nothing measurable: 8, 16 and 24 MB give the same wall and CPU time on the bench
 * (4.8–5.0 s, 9.1–9.5 CPU-s), 8 MB the lowest RSS (README.md, Performance).
 */
const YOUNG_GENERATION_MB = 8;

/**
 * One aggregation worker seen from the main thread: send bytes with flow control, await each
 * object's result and, at the end, the worker's aggregate.
 *
 * The worker runs the TypeScript sources through tsx, like the CLI (bin/policy-recommender.js),
 * so it works from a source checkout, the CLI, the bench and vitest. It is not bundle-safe: the
 * Lambda bundle keeps processFlows single-threaded (see README.md, Performance).
 */
export class AggregationWorker {
  private readonly worker: Worker;
  private readonly objects = new Map<number, { resolve: (r: ObjectReadResult) => void; reject: (e: Error) => void; unacked: number; acked?: () => void }>();
  private aggregateWaiter: { resolve: (a: BatchAggregate) => void; reject: (e: Error) => void } | undefined;
  private failure: Error | undefined;
  /** Objects currently being streamed to this worker. */
  inFlight = 0;

  constructor(config: WorkerConfig) {
    // Resolved here, not in the worker: an eval'd worker resolves modules from the working directory.
    const entry = fileURLToPath(new URL('./worker-main.ts', import.meta.url));
    const tsx = createRequire(import.meta.url).resolve('tsx/cjs');
    this.worker = new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(entry)});`, {
      eval: true,
      workerData: config,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    this.worker.on('message', (m: FromWorker) => this.onMessage(m));
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`aggregation worker exited with code ${code}`)));
  }

  private onMessage(m: FromWorker): void {
    switch (m.type) {
      case 'ack': {
        const o = this.objects.get(m.id);
        if (o) {
          o.unacked -= m.bytes;
          const acked = o.acked;
          o.acked = undefined;
          acked?.();
        }
        return;
      }
      case 'object':
        this.objects.get(m.id)?.resolve(m.result);
        this.objects.delete(m.id);
        return;
      case 'failed':
        this.objects.get(m.id)?.reject(new Error(m.message));
        this.objects.delete(m.id);
        return;
      case 'aggregate':
        this.aggregateWaiter?.resolve(m.aggregate);
        this.aggregateWaiter = undefined;
    }
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    for (const o of this.objects.values()) o.reject(err);
    this.objects.clear();
    this.aggregateWaiter?.reject(err);
  }

  private post(message: ToWorker, transfer?: ArrayBuffer[]): void {
    this.worker.postMessage(message, transfer);
  }

  /**
   * Streams one object's bytes to the worker, keeping at most `window` bytes that the worker has
   * not taken yet, and resolves with what the reader reported. A body error is rethrown as is.
   */
  async stream(id: number, body: AsyncIterable<Uint8Array>, window: number): Promise<ObjectReadResult> {
    if (this.failure) throw this.failure;
    const state = { resolve: (_: ObjectReadResult) => {}, reject: (_: Error) => {}, unacked: 0, acked: undefined as (() => void) | undefined };
    const done = new Promise<ObjectReadResult>((resolve, reject) => {
      state.resolve = resolve;
      state.reject = reject;
    });
    // Observed later; a failure while streaming must not become an unhandled rejection.
    done.catch(() => undefined);
    this.objects.set(id, state);
    this.post({ type: 'open', id });
    try {
      for await (const chunk of body) {
        const bytes = toTransferable(chunk);
        state.unacked += bytes.byteLength;
        this.post({ type: 'chunk', id, bytes }, [bytes.buffer as ArrayBuffer]);
        while (state.unacked > window && this.objects.has(id)) {
          await new Promise<void>((resolve) => {
            state.acked = resolve;
          });
        }
        // Set by the worker's error handler while this loop awaited.
        const failure = this.failure as Error | undefined;
        if (failure) throw failure;
      }
    } catch (err) {
      this.post({ type: 'abort', id, message: (err as Error).message });
      await done.catch(() => undefined);
      throw err;
    }
    this.post({ type: 'end', id });
    return done;
  }

  async finish(): Promise<BatchAggregate> {
    if (this.failure) throw this.failure;
    const result = new Promise<BatchAggregate>((resolve, reject) => {
      this.aggregateWaiter = { resolve, reject };
    });
    this.post({ type: 'finish' });
    return result;
  }

  async terminate(): Promise<void> {
    this.failure ??= new Error('aggregation worker terminated');
    await this.worker.terminate();
  }
}

/** A chunk that owns its whole ArrayBuffer (so it can be transferred); copies otherwise. */
function toTransferable(chunk: Uint8Array | string): Uint8Array {
  if (typeof chunk === 'string') return new Uint8Array(Buffer.from(chunk, 'utf8'));
  if (chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength && chunk.buffer instanceof ArrayBuffer) return chunk;
  return new Uint8Array(chunk);
}
