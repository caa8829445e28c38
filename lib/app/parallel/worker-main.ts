import { parentPort, workerData } from 'node:worker_threads';
import { ChunkQueue } from './chunk-queue';
import { ObjectAggregator } from './object-aggregator';
import type { FromWorker, ToWorker, WorkerConfig } from './protocol';

/**
 * Worker entry: inflates, parses and aggregates the objects whose bytes the main thread streams
 * in, several at a time (while one waits for bytes, another is parsed), into one aggregate that
 * it sends back on `finish`.
 */
const port = parentPort;
if (port === null) throw new Error('worker-main must run in a worker thread');
const config = workerData as WorkerConfig;
// Inflate in this thread: every core already runs a worker, so handing inflate to the libuv pool
// only adds threads competing for the same cores (README.md, Performance).
const aggregator = new ObjectAggregator(config.options, { inflate: 'inThread' });
const open = new Map<number, ChunkQueue>();
const reading = new Set<Promise<void>>();
const send = (message: FromWorker): void => port.postMessage(message);

function start(id: number): void {
  const queue = new ChunkQueue((bytes) => send({ type: 'ack', id, bytes }));
  open.set(id, queue);
  const job = aggregator
    .read(queue)
    .then(
      (result) => send({ type: 'object', id, result }),
      (err: unknown) => send({ type: 'failed', id, message: (err as Error).message }),
    )
    .finally(() => {
      open.delete(id);
      reading.delete(job);
    });
  reading.add(job);
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'open':
      start(message.id);
      return;
    case 'chunk':
      open.get(message.id)?.push(message.bytes);
      return;
    case 'end':
      open.get(message.id)?.end();
      return;
    case 'abort':
      open.get(message.id)?.fail(new Error(message.message));
      return;
    case 'finish':
      void Promise.all([...reading]).then(() => send({ type: 'aggregate', aggregate: aggregator.aggregate }));
  }
});
