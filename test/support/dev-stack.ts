import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort, privateServiceDir } from './offline';

const BIN = resolve(__dirname, '../../bin/policy-recommender.js');

export interface DevStack {
  /** What `npm start` printed up to its last summary line. */
  readonly printed: readonly string[];
  readonly baseUrl: string;
  readonly boardUrl: string;
  readonly adminToken: string;
  readonly viewerToken: string;
  readonly lambdaPort: number;
  readonly stateDir: string;
  invoke(fn: string, payload: unknown): Promise<void>;
  stop(): Promise<void>;
}

function value(printed: readonly string[], prefix: string): string {
  const line = printed.find((l) => l.startsWith(prefix));
  if (!line) throw new Error(`npm start printed no "${prefix}" line:\n${printed.join('\n')}`);
  return line.slice(prefix.length).trim();
}

/** `policy-recommender dev` (what `npm start` runs) on free ports with a private state folder. */
export async function startDevStack(): Promise<DevStack> {
  const stateDir = await mkdtemp(join(tmpdir(), 'pr-board-'));
  // Its own service folder: serverless-offline's build output never meets another run's.
  const serviceDir = await privateServiceDir();
  const [http, lambda, s3, dynamo] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const child: ChildProcess = spawn(process.execPath, [BIN, 'dev'], {
    env: {
      ...process.env,
      LOCAL_HTTP_PORT: String(http),
      LOCAL_LAMBDA_PORT: String(lambda),
      LOCAL_S3_PORT: String(s3),
      LOCAL_DYNAMODB_PORT: String(dynamo),
      LOCAL_STATE_DIR: stateDir,
      LOCAL_SERVICE_DIR: serviceDir,
      AUTH_HS256_SECRET: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const exited = await Promise.race([new Promise((r) => child.once('exit', () => r(true))), new Promise((r) => setTimeout(() => r(false), 15_000))]);
      if (!exited) child.kill('SIGKILL');
    }
    await rm(stateDir, { recursive: true, force: true });
    await rm(serviceDir, { recursive: true, force: true });
  };
  const errors: string[] = [];
  child.stderr!.on('data', (d: Buffer) => errors.push(d.toString()));
  const seen: string[] = [];
  const lines = createInterface({ input: child.stdout! });
  try {
    await new Promise<void>((done, fail) => {
      lines.on('line', (line) => {
        seen.push(line);
        if (line.startsWith('state is kept in')) done();
      });
      child.once('exit', (code) => fail(new Error(`npm start exited with ${code}: ${errors.join('').slice(-3000)}`)));
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    printed: seen,
    baseUrl: `http://127.0.0.1:${http}`,
    boardUrl: value(seen, 'board: '),
    adminToken: value(seen, 'admin token:'),
    viewerToken: value(seen, 'viewer token:'),
    lambdaPort: lambda,
    stateDir,
    invoke: async (fn, payload) => {
      const res = await fetch(`http://127.0.0.1:${lambda}/2015-03-31/functions/policy-recommender-dev-${fn}/invocations`, { method: 'POST', body: JSON.stringify(payload) });
      await res.text();
      if (!res.ok) throw new Error(`invoking ${fn}: HTTP ${res.status}`);
    },
    stop,
  };
}
