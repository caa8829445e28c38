// The aggregation module itself, not the engine's index: a worker then loads only what it runs.
import * as engine from '../../core/engine/aggregate';
import type { BatchAggregate } from '../../core/engine/aggregate';
import type { ClassifyOptions } from '../../core/engine/classify';
import { readFlowObject, type FlowObjectBody, type ObjectReadResult, type ReadOptions } from '../../core/flowlog/read-stream';
import { countReject, countSkip, emptyStats, type RunStats } from '../../core/stats';

// Under tsx every module is CommonJS and each read of an imported binding calls a getter; the
// per-record path uses module-local copies taken once at load.
const { addRecord, emptyAggregate } = engine;

/**
 * Streams objects into one aggregate, counting what the reader saw (records read, rejects by
 * reason, other fluentd tags) in its statistics: what one thread of the one-shot pipeline does,
 * in the main thread or in a worker.
 */
export class ObjectAggregator {
  readonly aggregate: BatchAggregate = emptyAggregate(emptyStats());

  constructor(
    private readonly options: ClassifyOptions,
    private readonly readOptions: ReadOptions = {},
  ) {}

  async read(body: FlowObjectBody): Promise<ObjectReadResult> {
    const { aggregate, options } = this;
    const result = await readFlowObject(body, (record) => addRecord(aggregate, record, options), this.readOptions);
    const stats = aggregate.stats;
    stats.recordsRead += result.recordsRead;
    for (const [reason, n] of Object.entries(result.rejected)) countReject(stats, reason as keyof RunStats['rejected'], n);
    if (result.ignoredLines > 0) countSkip(stats, 'otherTag', result.ignoredLines);
    return result;
  }
}
