import { readFlowObject } from '../../core/flowlog/read-stream';
import { addRecord, emptyAggregate, mergeAggregates, type BatchAggregate, type ClassifyOptions } from '../../core/engine';
import { countReject, countSkip, emptyStats, type RunStats } from '../../core/stats';
import { ArchivedObjectGoneError, type FlowArchive } from './ports';

export interface ObjectOutcome {
  readonly key: string;
  /** `retry`: the read failed for a reason that may pass (network, throttling); nothing of it was used. */
  readonly state: 'done' | 'failed' | 'retry';
  readonly reason?: string;
  readonly stats: RunStats;
}

/**
 * Reads the objects of one batch, streaming, into one aggregate. An object that is gone or cut off
 * is `failed` with a reason, one whose read failed otherwise is to be retried; what was read of a cut-off object
 * is still used (docs/the rest of the object is still used). Nothing here writes state.
 */
export async function readBatch(
  bucket: string,
  keys: readonly string[],
  options: ClassifyOptions,
  archive: FlowArchive,
): Promise<{ aggregate: BatchAggregate; outcomes: ObjectOutcome[] }> {
  const aggregate = emptyAggregate(emptyStats());
  const outcomes: ObjectOutcome[] = [];
  for (const key of keys) {
    // Per-object aggregate: an object that fails half-way through contributes nothing twice.
    const objectAgg = emptyAggregate(emptyStats());
    try {
      const body = await archive.open(bucket, key);
      const result = await readFlowObject(body, (record) => addRecord(objectAgg, record, options));
      const stats = objectAgg.stats;
      stats.recordsRead += result.recordsRead;
      for (const [reason, n] of Object.entries(result.rejected)) countReject(stats, reason as keyof RunStats['rejected'], n);
      if (result.ignoredLines > 0) countSkip(stats, 'otherTag', result.ignoredLines);
      outcomes.push(result.truncated ? { key, state: 'failed', reason: 'truncatedGzip', stats } : { key, state: 'done', stats });
      mergeAggregates(aggregate, objectAgg);
    } catch (err) {
      const gone = err instanceof ArchivedObjectGoneError;
      outcomes.push({ key, state: gone ? 'failed' : 'retry', reason: (err as Error).message, stats: emptyStats() });
    }
  }
  return { aggregate, outcomes };
}
