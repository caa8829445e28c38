import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { createDynamoContext, dynamoStateStore } from '../adapters/dynamodb';
import { ensureTable } from '../adapters/dynamodb/table';
import { loadLocalConfig } from '../config/local';
import { processEnv } from '../config/env';
import { S3RVER_CREDENTIALS } from './emulators';
import { spawnEmulators, type EmulatorProcess } from './spawn-emulators';
import { ensureBucket, seedDemo, DEMO_CLUSTER } from './demo/seed';
import { invokeLocal, startOffline, stopGroup, waitForHttp } from './offline';
import { ADMIN_ROLE, VIEWER_ROLE, localSecret, localToken } from './tokens';
import { ensureBoardBuilt } from './board-build';
import type { ChildProcess } from 'node:child_process';

/** Must match serverless.yml (`${service}-${stage}` and the flowLogBucket parameter default). */
const TABLE = 'policy-recommender-dev';
const BUCKET = 'policy-recommender-flow-logs';
const REGION = 'us-east-1';
const DYNAMO_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * `npm start` / `policy-recommender dev`: emulators, table and bucket, demo data, serverless-offline
 * with the HTTP API and the schedules — one process tree, stopped cleanly on Ctrl-C or SIGTERM.
 */
export async function runDev(log: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const config = loadLocalConfig(processEnv());
  const stateDir = resolve(config.stateDir);
  await mkdir(stateDir, { recursive: true });
  const secret = await localSecret(stateDir, config.hs256Secret);
  let emulators: EmulatorProcess | undefined;
  let offline: ChildProcess | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (offline) await stopGroup(offline);
    await emulators?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    emulators = await spawnEmulators({
      EMULATOR_STATE_DIR: stateDir,
      EMULATOR_DYNAMODB_PORT: String(config.dynamoPort),
      EMULATOR_S3_PORT: String(config.s3Port),
    });
    const dynamoConfig = { endpoint: emulators.dynamoEndpoint, region: REGION, credentials: DYNAMO_CREDENTIALS };
    await ensureTable(new DynamoDBClient(dynamoConfig), TABLE);
    const s3 = new S3Client({ endpoint: emulators.s3Endpoint, region: REGION, forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
    await ensureBucket(s3, BUCKET);
    const store = dynamoStateStore(createDynamoContext(TABLE, dynamoConfig));
    const manifestsDir = resolve(stateDir, 'manifests', DEMO_CLUSTER);
    if (config.demo) await seedDemo(store, s3, BUCKET, manifestsDir, Math.floor(Date.now() / 1000));

    // The board page is served by the api function from board/dist: build it when out of date.
    // A page that fails to build must not take the API down with it: GET / then says so.
    await ensureBoardBuilt().then(
      (built) => built && log('board page built'),
      (err: Error) => process.stderr.write(`the board page could not be built, the API runs without it: ${err.message}\n`),
    );
    offline = startOffline(
      {
        LOCAL_HTTP_PORT: String(config.httpPort),
        LOCAL_LAMBDA_PORT: String(config.lambdaPort),
        DYNAMODB_ENDPOINT: emulators.dynamoEndpoint,
        S3_ENDPOINT: emulators.s3Endpoint,
        FLOW_LOG_NOTIFICATIONS: 'off',
        // Ticks fan out through serverless-offline's Lambda endpoint, as they do through Lambda in AWS.
        LAMBDA_ENDPOINT: `http://127.0.0.1:${config.lambdaPort}`,
        // Directory and kubeconfig-file targets, plain-http API servers: the local stack only.
        LOCAL_STACK: 'true',
        AUTH_HS256_SECRET: secret,
        AWS_REGION: REGION,
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
      },
      config.serviceDir,
    );
    const offlineLog: string[] = [];
    offline.stdout?.on('data', (d: Buffer) => offlineLog.push(d.toString()));
    offline.stderr?.on('data', (d: Buffer) => process.stderr.write(d));
    offline.once('exit', (code) => {
      if (!stopping) {
        process.stderr.write(`serverless-offline stopped unexpectedly (code ${code})\n${offlineLog.join('').slice(-2000)}\n`);
        void stop(1);
      }
    });
    const base = `http://127.0.0.1:${config.httpPort}`;
    await waitForHttp(`${base}/clusters`, offline, 180_000);
    if (config.demo) {
      // Learn and push at once instead of waiting for the first scheduled minute.
      await invokeLocal(config.lambdaPort, 'processFlows', { force: true });
      await invokeLocal(config.lambdaPort, 'pushPolicies', { force: true });
    }
    const now = Math.floor(Date.now() / 1000);
    const admin = await localToken(secret, 'local-admin', [ADMIN_ROLE], now);
    const viewer = await localToken(secret, 'local-viewer', [VIEWER_ROLE], now);
    log(`policy-recommender is ready at ${base}`);
    log(`board: ${base}/#token=${admin}`);
    log('');
    log(`admin token:  ${admin}`);
    log(`viewer token: ${viewer}`);
    log('');
    log(`export TOKEN=${admin}`);
    log(`curl -s -H "Authorization: Bearer $TOKEN" ${base}/clusters/${DEMO_CLUSTER}/recommendations`);
    log(`curl -s -H "Authorization: Bearer $TOKEN" -H "Accept: application/yaml" ${base}/clusters/${DEMO_CLUSTER}/recommendations/shop`);
    log(`curl -s -X POST -H "Authorization: Bearer $TOKEN" ${base}/clusters/${DEMO_CLUSTER}/recommendations/shop/activate`);
    log('');
    log(`pushed manifests appear in ${manifestsDir}`);
    log(`state is kept in ${stateDir} (delete it to start over); Ctrl-C stops everything`);
    return await new Promise<number>(() => undefined);
  } catch (err) {
    process.stderr.write(`policy-recommender dev: ${(err as Error).message}\n`);
    await stop(1);
    return 1;
  }
}
