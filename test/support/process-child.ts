// Runs one processing run in a separate process, so a test can bound its heap
// (`--max-old-space-size`) and prove memory does not grow with object size.
import { S3Client } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { createDynamoContext, dynamoStateStore } from '../../lib/adapters/dynamodb';
import { s3Archive } from '../../lib/adapters/s3-archive';
import { processCluster } from '../../lib/app/process/process-cluster';
import { DEFAULT_LIMITS } from '../../lib/app/process/ports';
import { clockOf } from '../../lib/core/engine';

const env = process.env as Record<string, string>;
const store = dynamoStateStore(createDynamoContext(env.TABLE!, { endpoint: env.DYNAMO, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
const s3 = new S3Client({ endpoint: env.S3, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });

processCluster(env.CLUSTER!, {
  store,
  archive: s3Archive(s3),
  clock: clockOf(() => Number(env.NOW)),
  budget: { remainingMs: () => 600_000 },
  limits: { ...DEFAULT_LIMITS, notifications: false },
  runId: randomUUID(),
  newBatchId: randomUUID,
}).then(
  (out) => {
    const heapPeakMb = Math.round(process.memoryUsage().heapUsed / 1e6);
    process.stdout.write(`${JSON.stringify({ out, heapPeakMb })}\n`);
  },
  (err) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exit(1);
  },
);
