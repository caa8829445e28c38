import type { BatchAggregate, ClassifyOptions } from '../../core/engine';
import type { ObjectReadResult } from '../../core/flowlog/read-stream';

/**
 * Messages between the main thread, which lists and opens objects (files, S3 bodies) and streams
 * their raw bytes, and an aggregation worker, which inflates, parses and aggregates them. Only
 * plain data crosses: chunks are transferred, the aggregate is structured-cloned once at the end.
 */
export interface WorkerConfig {
  readonly options: ClassifyOptions;
}

export type ToWorker =
  | { readonly type: 'open'; readonly id: number }
  | { readonly type: 'chunk'; readonly id: number; readonly bytes: Uint8Array }
  | { readonly type: 'end'; readonly id: number }
  /** Reading the body failed on the main thread: the object fails with this message. */
  | { readonly type: 'abort'; readonly id: number; readonly message: string }
  /** No more objects: send the aggregate. */
  | { readonly type: 'finish' };

export type FromWorker =
  /** A chunk was taken by the reader: the main thread may send that many more bytes. */
  | { readonly type: 'ack'; readonly id: number; readonly bytes: number }
  | { readonly type: 'object'; readonly id: number; readonly result: ObjectReadResult }
  | { readonly type: 'failed'; readonly id: number; readonly message: string }
  | { readonly type: 'aggregate'; readonly aggregate: BatchAggregate };
