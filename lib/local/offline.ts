import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { processEnv } from '../config/env';

const ROOT = resolve(__dirname, '../..');

/**
 * Starts serverless-offline (HTTP API + Lambda invoke endpoint + schedules) in its own process
 * group. `--localEnvironment` hands the emulator endpoints to the functions.
 */
export function startOffline(env: Record<string, string>, serviceDir = ROOT): ChildProcess {
  return spawn(process.execPath, [resolve(ROOT, 'node_modules/serverless/bin/serverless.js'), 'offline', 'start', '--stage', 'dev', '--localEnvironment'], {
    cwd: serviceDir,
    env: { ...processEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
}

/** Polls until the HTTP API answers (any status), or the process dies, or time runs out. */
export async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`serverless-offline exited with code ${child.exitCode}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`the HTTP API did not answer at ${url} within ${timeoutMs / 1000}s`);
}

/** Invokes a function through serverless-offline's Lambda endpoint (as `aws lambda invoke` would). */
export async function invokeLocal(lambdaPort: number, fn: string, payload: unknown): Promise<unknown> {
  const res = await fetch(`http://127.0.0.1:${lambdaPort}/2015-03-31/functions/policy-recommender-dev-${fn}/invocations`, {
    method: 'POST',
    body: JSON.stringify(payload),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`invoking ${fn} failed: HTTP ${res.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : undefined;
}

/** Stops the whole process group (serverless-offline and its workers). */
export function stopGroup(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.pid === undefined) return done();
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      done();
    }
  });
}
