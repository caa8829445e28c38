import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { pushAll, type PushInvocation } from '../../lib/app/push/push-all';
import { listObjects } from '../support/fake-kube';
import { currentCluster, rec } from './fixtures';
import { harness, type Harness } from './harness';

const settings = { parallelism: 4, leaseSeconds: 330, timeMarginMs: 60_000 };
const invocation = (over: Partial<PushInvocation> = {}): PushInvocation => ({ force: false, owner: 'run-1', remainingMs: () => 300_000, ...over });

/** An address where nothing listens. */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `https://127.0.0.1:${port}`;
}

describe('pushAll runs every due cluster in isolation', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('an unreachable cluster beside a healthy one: the healthy one is published, the other recorded with backoff, no state lost', async () => {
    h = await harness();
    await h.cluster('healthy');
    await h.cluster('unreachable', { server: await closedPort() });
    await h.recommend('healthy', rec('shop'));
    await h.recommend('unreachable', rec('shop'), rec('payments'));
    await h.store.replaceNamespaces('unreachable', 1_800_000_000, [{ name: 'shop', labels: { team: 'a' } }]);
    const before = { recs: await h.store.listRecommendations('unreachable'), ns: await h.store.listNamespaces('unreachable') };

    const results = await pushAll(h.deps, invocation(), settings);

    expect(results.map((r) => [r.cluster, r.outcome])).toEqual([
      ['healthy', 'pushed'],
      ['unreachable', 'failed'],
    ]);
    expect(listObjects(h.fake, 'stagednetworkpolicies')).toHaveLength(1);
    const failed = (await currentCluster(h.store, 'unreachable')).lastPush!;
    expect(failed).toMatchObject({ error: 'cluster unreachable is unreachable (ECONNREFUSED)', consecutiveFailures: 1, nextAttemptAt: h.clock.nowMs() / 1000 + 60 });
    expect(await h.store.listRecommendations('unreachable')).toEqual(before.recs);
    expect(await h.store.listNamespaces('unreachable')).toEqual(before.ns);
  });

  it('skips clusters not due (interval) or in backoff, unless forced', async () => {
    h = await harness();
    await h.cluster('fine');
    await h.cluster('down', { server: await closedPort() });
    await pushAll(h.deps, invocation(), settings);
    h.clock.advance(90); // past the backoff (60 s), before the interval (150 s)

    expect((await pushAll(h.deps, invocation(), settings)).map((r) => r.outcome)).toEqual(['not-due', 'not-due']);
    h.clock.advance(60); // 150 s: both due again
    expect((await pushAll(h.deps, invocation(), settings)).map((r) => r.outcome)).toEqual(['failed', 'pushed']);
    expect((await pushAll(h.deps, invocation({ force: true }), settings)).map((r) => r.outcome)).toEqual(['failed', 'pushed']);
    expect((await currentCluster(h.store, 'down')).lastPush).toMatchObject({ consecutiveFailures: 3, nextAttemptAt: h.clock.nowMs() / 1000 + 240 });
    expect((await pushAll(h.deps, invocation(), settings)).find((r) => r.cluster === 'down')?.outcome).toBe('backoff');
  });

  it('pushes only the named clusters, reports unknown ones, and skips a cluster whose lease another run holds', async () => {
    h = await harness();
    await h.cluster('one');
    await h.cluster('two');
    expect(await h.store.acquireLease('two', 'push', 'other-run', h.clock.nowMs() / 1000, 330)).toBe(true);

    const results = await pushAll(h.deps, invocation({ clusters: ['two', 'nope', 'one'] }), settings);

    expect(results.map((r) => [r.cluster, r.outcome])).toEqual([
      ['nope', 'not-found'],
      ['one', 'pushed'],
      ['two', 'leased'],
    ]);
    // Our lease was released: the next run may take it.
    expect(await h.store.acquireLease('one', 'push', 'run-2', h.clock.nowMs() / 1000, 330)).toBe(true);
  });

  it('starts no cluster when the remaining Lambda time is under the margin', async () => {
    h = await harness();
    await h.cluster('late');
    const results = await pushAll(h.deps, invocation({ remainingMs: () => 59_000 }), settings);
    expect(results).toEqual([{ cluster: 'late', outcome: 'deferred' }]);
    expect(h.fake.requests).toEqual([]);
  });
});
