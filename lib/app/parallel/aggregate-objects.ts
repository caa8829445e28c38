import { availableParallelism } from 'node:os';
import { emptyAggregate, mergeAggregates, type BatchAggregate, type ClassifyOptions } from '../../core/engine';
import { emptyStats } from '../../core/stats';
import type { FlowObjectRef, FlowObjectSource } from '../ports';
import { canonicalAggregate } from './canonical';
import { ObjectAggregator } from './object-aggregator';
import { AggregationWorker } from './worker-pool';

export interface ParallelOptions {
  /**
   * Worker threads that inflate, parse and aggregate (the main thread only lists and reads
   * bytes). 0 = everything in this thread. Default: the number of CPUs.
   */
  readonly workers?: number;
}

/** Objects streamed to one worker at once: while one waits for bytes, another is parsed. */
const OBJECTS_PER_WORKER = 2;
/** Bytes sent to a worker for one object and not yet taken by its reader. */
const WINDOW_BYTES = 4 * 1024 * 1024;

export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * Reads every object of `source` into one aggregate, in this thread or spread over workers.
 * Aggregates are commutative and the result is put in canonical order, so the outcome is the same
 * whatever the number of workers. The first object that cannot be read fails the whole call with
 * its error, as the single-threaded reader always did.
 */
export async function aggregateObjects(
  source: FlowObjectSource,
  options: ClassifyOptions,
  parallel: ParallelOptions = {},
): Promise<{ aggregate: BatchAggregate; objects: number }> {
  const refs: FlowObjectRef[] = [];
  for await (const ref of source.list()) refs.push(ref);
  const workers = Math.min(parallel.workers ?? defaultWorkers(), refs.length);
  const aggregate = workers < 1 || refs.length < 2 ? await inThisThread(source, refs, options) : await inWorkers(source, refs, options, workers);
  return { aggregate: canonicalAggregate(aggregate), objects: refs.length };
}

async function inThisThread(source: FlowObjectSource, refs: readonly FlowObjectRef[], options: ClassifyOptions): Promise<BatchAggregate> {
  const aggregator = new ObjectAggregator(options);
  for (const ref of refs) await aggregator.read(await source.open(ref));
  return aggregator.aggregate;
}

async function inWorkers(source: FlowObjectSource, refs: readonly FlowObjectRef[], options: ClassifyOptions, count: number): Promise<BatchAggregate> {
  const pool = Array.from({ length: count }, () => new AggregationWorker({ options }));
  // Largest objects first: the last ones handed out are small, so the workers finish together.
  const order = [...refs].sort((a, b) => (b.size ?? 0) - (a.size ?? 0));
  try {
    let next = 0;
    let stopped = false;
    // One lane per object slot; a lane takes the next object and streams it to its worker.
    const lane = async (worker: AggregationWorker): Promise<void> => {
      while (next < refs.length && !stopped) {
        const id = next++;
        const body = await source.open(order[id] as FlowObjectRef);
        await worker.stream(id, body, WINDOW_BYTES);
      }
    };
    try {
      await Promise.all(pool.flatMap((w) => Array.from({ length: OBJECTS_PER_WORKER }, () => lane(w))));
    } finally {
      stopped = true;
    }
    // Every worker serializes its aggregate at the same time; merged in pool order.
    const parts = await Promise.all(pool.map((w) => w.finish()));
    const aggregate = emptyAggregate(emptyStats());
    for (const part of parts) mergeAggregates(aggregate, part);
    return aggregate;
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
