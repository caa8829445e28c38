/**
 * `npm run bench:scale`: the fan-out and the DynamoDB cost per cluster-run, on the local stack's
 * emulators (dynalite, s3rver). Prints the figures the README reports; asserts nothing on time.
 *
 *   --clusters N   registered clusters for the dispatch figure (default 1000)
 *   --namespaces N namespaces of the measured cluster (default 20)
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import pLimit from 'p-limit';
import { createDynamoContext, dynamoStateStore } from '../lib/adapters/dynamodb';
import { dynamoCapacityMeter } from '../lib/adapters/dynamodb/capacity';
import { ensureTable } from '../lib/adapters/dynamodb/table';
import { createPublisherFactory } from '../lib/adapters/kubernetes/publisher-factory';
import { s3Archive } from '../lib/adapters/s3-archive';
import type { CapacityReport } from '../lib/app/capacity';
import { dispatchDue } from '../lib/app/jobs/dispatch';
import type { JobInvoker } from '../lib/app/jobs/marker';
import { processCluster } from '../lib/app/process/process-cluster';
import { DEFAULT_LIMITS } from '../lib/app/process/ports';
import { pushCluster } from '../lib/app/push/push-cluster';
import { defaultScopeSpec } from '../lib/core/scope';
import { ensureBucket } from '../lib/local/demo/seed';
import { S3RVER_CREDENTIALS } from '../lib/local/emulators';
import { spawnEmulators } from '../lib/local/spawn-emulators';
import { clockOf } from '../lib/core/engine';

const { values } = parseArgs({ options: { clusters: { type: 'string', default: '1000' }, namespaces: { type: 'string', default: '20' } } });
const CLUSTERS = Number(values.clusters);
const NAMESPACES = Number(values.namespaces);
const REGION = 'us-east-1';
const BUCKET = 'bench-scale';

function flowLine(now: number, ns: string, port: number): string {
  const record = {
    start_time: now - 300,
    end_time: now - 10,
    source_name: '-',
    source_name_aggr: `${ns}-api-*`,
    source_namespace: ns,
    source_type: 'wep',
    dest_name: '-',
    dest_name_aggr: 'db-*',
    dest_namespace: 'data',
    dest_type: 'wep',
    dest_port: port,
    proto: 'tcp',
    action: 'allow',
    reporter: 'src',
    policies: { all_policies: ['0|__PROFILE__|__PROFILE__.kns.shop|allow|0'] },
    num_flows: 1,
    bytes_in: 10,
    bytes_out: 20,
  };
  return `2026-12-02T00:00:00+00:00\tflows\t${JSON.stringify(record)}\n`;
}

function row(label: string, r: CapacityReport): string {
  const kinds =
    Object.entries(r.writeRequests)
      .sort()
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || 'none';
  const recNs = (r.writeRequests.REC ?? 0) + (r.writeRequests.NS ?? 0);
  return `| ${label} | ${r.requests} | ${r.read} | ${r.write} | ${recNs} | ${kinds} |`;
}

async function main(): Promise<void> {
  const stateDir = await mkdtemp(join(tmpdir(), 'bench-scale-'));
  const emulators = await spawnEmulators({ EMULATOR_STATE_DIR: stateDir, EMULATOR_DYNAMODB_IN_MEMORY: '1' });
  try {
    const dynamo = { endpoint: emulators.dynamoEndpoint, region: REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
    const table = `bench-${randomUUID().slice(0, 8)}`;
    await ensureTable(new DynamoDBClient(dynamo), table);
    const store = dynamoStateStore(createDynamoContext(table, dynamo));
    const s3 = new S3Client({ endpoint: emulators.s3Endpoint, region: REGION, forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
    await ensureBucket(s3, BUCKET);
    const now = Math.floor(Date.now() / 1000);
    const manifests = join(stateDir, 'manifests');

    // Registration: N clusters, each with its scope.
    const limit = pLimit(16);
    const ids = Array.from({ length: CLUSTERS }, (_, i) => `bench-${String(i).padStart(5, '0')}`);
    await Promise.all(
      ids.map((id) =>
        limit(async () => {
          await store.putCluster(
            { id, flowLogs: { bucket: BUCKET, prefix: id }, target: { directory: join(manifests, id) }, clusterDomain: 'cluster.local', registeredAt: now },
            null,
          );
          // The default interval (150 s): the runs below are 40 s apart, so no status moves by time alone.
          await store.putScope(id, { ...defaultScopeSpec(), namespaceSpec: { ...defaultScopeSpec().namespaceSpec, recStatus: 'Enabled' } }, null);
        }),
      ),
    );

    // One scheduled tick with every cluster due.
    let started = 0;
    const invoker: JobInvoker = { invoke: async () => void started++ };
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    const dispatched = await dynamoCapacityMeter.measure(() =>
      dispatchDue('process', { store, invoker, clock: clockOf(() => now), newId: randomUUID, jobs: { timeoutSeconds: 300, dispatchTtlSeconds: 900, dispatchParallelism: 16 } }),
    );
    const wall = performance.now() - wall0;
    const cpu = process.cpuUsage(cpu0);
    console.log(
      `dispatch: ${CLUSTERS} clusters due, ${started} jobs started, ${dispatched.value.failed.length} failed; ` +
        `CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, wall ${(wall / 1000).toFixed(2)} s, ${dispatched.report.requests} DynamoDB requests`,
    );

    // Per cluster-run cost of one cluster with NAMESPACES namespaces.
    const id = ids[0]!;
    let n = 0;
    const put = async (namespaces: string[], port: number) => {
      const body = namespaces.map((ns) => flowLine(now, ns, port)).join('');
      await s3.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: `${id}/flows${new Date(now * 1000).toISOString().slice(0, 10).replace(/-/g, '')}_${n++}.gz`, Body: gzipSync(body) }),
      );
    };
    let clock = now;
    const deps = () => ({
      store,
      archive: s3Archive(s3),
      clock: clockOf(() => clock),
      budget: { remainingMs: () => 600_000 },
      limits: { ...DEFAULT_LIMITS, notifications: false },
      runId: randomUUID(),
      newBatchId: randomUUID,
    });
    const measure = async () => (await dynamoCapacityMeter.measure(() => processCluster(id, deps()))).report;
    const namespaces = Array.from({ length: NAMESPACES }, (_, i) => `team-${i}`);
    const rows: string[] = [];
    await put(namespaces, 5432);
    rows.push(row('(a) new data', await measure()));
    clock += 40;
    await put(namespaces, 5432);
    rows.push(row('(b) the same traffic again', await measure()));
    clock += 40;
    rows.push(row('(c) nothing new', await measure()));
    clock += 40;
    await put([namespaces[0]!], 6379);
    rows.push(row('(d) one namespace changed', await measure()));

    const publishers = createPublisherFactory({
      secrets: {
        getSecretString: async () => {
          throw new Error('unused');
        },
      },
      clock: clockOf(() => (clock * 1000) / 1000),
      timeoutMs: 5000,
      secretCacheSeconds: 0,
      localTargets: true,
    });
    const push = async () =>
      (await dynamoCapacityMeter.measure(async () => pushCluster({ store, publishers, clock: clockOf(() => (clock * 1000) / 1000) }, (await store.getCluster(id))!.value))).report;
    rows.push(row('first push', await push()));
    clock += 200;
    rows.push(row('push, nothing changed', await push()));
    console.log(`\nper cluster-run (${NAMESPACES} namespaces, directory target):\n`);
    console.log('| run | requests | read units | write units | REC/NS writes | write requests by item |');
    console.log('|---|---|---|---|---|---|');
    for (const r of rows) console.log(r);
  } finally {
    await emulators.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
