import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, isListening } from '../support/offline';

const BIN = resolve(__dirname, '../../bin/policy-recommender.js');

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

describe('npm start: the whole system locally with demo data', () => {
  let child: ChildProcess | undefined;
  let stateDir: string;
  let ports: number[] = [];
  afterAll(async () => {
    if (child?.pid && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  });

  it('boots, learns the demo, acts on a recommendation, pushes it to the directory target, and stops cleanly', async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'pr-local-'));
    const [http, lambda, s3, dynamo] = [await freePort(), await freePort(), await freePort(), await freePort()];
    ports = [http, lambda, s3, dynamo];
    child = spawn(process.execPath, [BIN, 'dev'], {
      env: {
        ...process.env,
        LOCAL_HTTP_PORT: String(http),
        LOCAL_LAMBDA_PORT: String(lambda),
        LOCAL_S3_PORT: String(s3),
        LOCAL_DYNAMODB_PORT: String(dynamo),
        LOCAL_STATE_DIR: stateDir,
        AUTH_HS256_SECRET: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
    const lines = createInterface({ input: child.stdout! });
    const ready = new Promise<string[]>((done, fail) => {
      const seen: string[] = [];
      lines.on('line', (line) => {
        seen.push(line);
        if (line.startsWith('state is kept in')) done(seen);
      });
      child!.once('exit', (code) => fail(new Error(`dev exited with ${code}: ${output.join('')}`)));
    });
    const printed = await ready;
    expect(printed).toContain(`policy-recommender is ready at http://127.0.0.1:${http}`);
    const token = printed
      .find((l) => l.startsWith('admin token:'))!
      .split(/\s+/)
      .pop()!;
    const viewer = printed
      .find((l) => l.startsWith('viewer token:'))!
      .split(/\s+/)
      .pop()!;
    expect(printed.filter((l) => l.startsWith('curl '))).toHaveLength(3);
    const api = (path: string, init: RequestInit = {}, bearer = token) =>
      fetch(`http://127.0.0.1:${http}${path}`, { ...init, headers: { authorization: `Bearer ${bearer}`, ...(init.headers ?? {}) } });

    const list = await waitFor(
      'demo recommendations',
      async () => {
        const body = (await (await api('/clusters/demo/recommendations', {}, viewer)).json()) as { items: { namespace: string }[] };
        return body.items.length > 0 ? body.items.map((i) => i.namespace) : undefined;
      },
      90_000,
    );
    expect(list).toEqual(expect.arrayContaining(['frontend', 'payments', 'shop']));
    expect(list).not.toContain('kube-system'); // outside the default selector
    expect(list).not.toContain('cart'); // its only traffic is covered by an enforced policy

    const activated = await api('/clusters/demo/recommendations/payments/activate', { method: 'POST' });
    expect(activated.status).toBe(200);
    const file = join(stateDir, 'manifests/demo/payments.yaml');
    await fetch(`http://127.0.0.1:${lambda}/2015-03-31/functions/policy-recommender-dev-pushPolicies/invocations`, { method: 'POST', body: '{"force": true}' });
    const pushed = await waitFor(
      'the activated policy in the pushed files',
      async () => {
        const text = await readFile(file, 'utf8');
        return text.includes('stagedAction: Set') ? text : undefined;
      },
      90_000,
    );
    expect(pushed).toContain('name: namespace-isolation.payments-recommendation');
    expect(pushed).toContain('api.stripe.com');

    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
    for (const port of ports) expect(await isListening(port)).toBe(false);
  }, 300_000);
});
