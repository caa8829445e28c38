import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, rm, symlink } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const SERVERLESS_BIN = join(ROOT, 'node_modules/serverless/bin/serverless.js');
/** What the service needs to build and run. serverless.yml is copied: osls ignores a symlinked one. */
const LINKED = ['functions', 'lib', 'infra', 'types', 'board', 'node_modules', 'package.json', 'tsconfig.json'];

export interface OfflineOptions {
  /** Environment for the functions (passed through with --localEnvironment). */
  readonly env: Record<string, string>;
  /** The stage: the functions' TABLE_NAME is `policy-recommender-<stage>`. */
  readonly stage: string;
  /** Serverless `--param` values, e.g. authAudience. */
  readonly params?: Record<string, string>;
  readonly readyTimeoutMs?: number;
}

export interface Offline {
  readonly baseUrl: string;
  /** serverless-offline's Lambda invoke endpoint port. */
  readonly lambdaPort: number;
  /** The last lines serverless-offline printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export function isListening(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
  });
}

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), ms);
    child.once('exit', () => (clearTimeout(timer), done(true)));
  });
}

/** A private copy of the service directory (symlinks), so build output never collides between runs. */
export async function privateServiceDir(): Promise<string> {
  const serviceDir = await mkdtemp(join(tmpdir(), 'pr-service-'));
  for (const name of LINKED) await symlink(join(ROOT, name), join(serviceDir, name));
  await copyFile(join(ROOT, 'serverless.yml'), join(serviceDir, 'serverless.yml'));
  return serviceDir;
}

export { SERVERLESS_BIN };

/**
 * Runs `serverless offline start` from a private copy of the service directory (symlinks), so its
 * build output (.esbuild) never collides with another run in the same checkout. The process leads
 * its own process group, so stop() can end it with everything it started.
 */
export async function startOffline(o: OfflineOptions): Promise<Offline> {
  const serviceDir = await privateServiceDir();
  const httpPort = await freePort();
  const lambdaPort = await freePort();
  const params = Object.entries(o.params ?? {}).map(([k, v]) => `--param=${k}=${v}`);
  const child = spawn(process.execPath, [SERVERLESS_BIN, 'offline', 'start', '--stage', o.stage, '--localEnvironment', ...params], {
    cwd: serviceDir,
    env: {
      ...process.env,
      ...o.env,
      LOCAL_HTTP_PORT: String(httpPort),
      LOCAL_LAMBDA_PORT: String(lambdaPort),
      LAMBDA_ENDPOINT: `http://127.0.0.1:${lambdaPort}`,
      SLS_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 400) lines.splice(0, lines.length - 400);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const baseUrl = `http://127.0.0.1:${httpPort}`;

  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid, 'SIGTERM');
      if (!(await exited(child, 10_000))) process.kill(-child.pid, 'SIGKILL');
      await exited(child, 5_000);
    }
    await rm(serviceDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (o.readyTimeoutMs ?? 90_000);
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`serverless-offline exited with code ${child.exitCode}`);
      const answered = await fetch(`${baseUrl}/clusters`).then(
        () => true,
        () => false,
      );
      if (answered) break;
      if (Date.now() > deadline) throw new Error('serverless-offline did not answer in time');
      await new Promise((r) => setTimeout(r, 500));
    }
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n${lines.join('\n')}`);
  }
  return { baseUrl, lambdaPort, output: () => lines.join('\n'), stop };
}
