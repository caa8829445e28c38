import type { CapacityUnits } from './cluster';

/** What a job consumed of the store: capacity units, and write requests by item kind (`REC`, `NS`, …). */
export interface CapacityReport extends CapacityUnits {
  /** Requests sent, reads and writes. */
  readonly requests: number;
  readonly writeRequests: Readonly<Record<string, number>>;
}

/** Measures the store capacity consumed by the work it runs (and by nothing else running meanwhile). */
export interface CapacityMeter {
  measure<T>(work: () => Promise<T>): Promise<{ value: T; report: CapacityReport }>;
}

/** For tests and tools that do not measure. */
export const unmeasured: CapacityMeter = {
  async measure(work) {
    return { value: await work(), report: { requests: 0, read: 0, write: 0, writeRequests: {} } };
  },
};
