import type { S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamoCapacityMeter } from '../../lib/adapters/dynamodb/capacity';
import type { CapacityReport } from '../../lib/app/capacity';
import { pushCluster } from '../../lib/app/push/push-cluster';
import { fitItemBudget, ITEM_BUDGET_BYTES } from '../../lib/core/engine';
import { freshBucket, freshStore, putObject, s3Client } from '../support/aws';
import { fluentdKey, fluentdObject, rawFlow } from '../support/flowlog-files';
import { processDeps, registerCluster, run, TestClock } from '../support/process';
import { currentCluster, namespaceRule, rec } from '../push/fixtures';
import { harness } from '../push/harness';
import { addNamespace } from '../support/fake-kube';

const T0 = Math.floor(Date.now() / 1000);
const DAY = new Date(T0 * 1000).toISOString().slice(0, 10).replace(/-/g, '');
const flow = (o: Record<string, unknown> = {}) => rawFlow({ start_time: T0 - 300, end_time: T0 - 10, ...o });

/** Write requests by item kind: the counting wrapper is the capacity meter every store carries. */
async function measured<T>(work: () => Promise<T>): Promise<CapacityReport> {
  return (await dynamoCapacityMeter.measure(work)).report;
}
const writesTo = (r: CapacityReport, ...kinds: string[]) => kinds.reduce((n, k) => n + (r.writeRequests[k] ?? 0), 0);

describe('DynamoDB writes are proportional to change', () => {
  let s3: S3Client;
  let bucket: string;
  beforeAll(async () => {
    s3 = s3Client();
    bucket = await freshBucket(s3);
  });

  it('processing: new data, the same traffic again, nothing new, one namespace changed', async () => {
    const { store } = await freshStore();
    const clock = new TestClock(T0);
    await registerCluster(store, { id: 'w', flowLogs: { bucket, prefix: 'writes' }, registeredAt: T0 });
    const namespaces = ['a', 'b', 'c', 'd'];
    let n = 0;
    const put = (records: Record<string, unknown>[]) => putObject(s3, bucket, fluentdKey('writes', DAY, n++), fluentdObject(records));
    const deps = () => processDeps(store, s3, clock);

    // (a) new data: each namespace's rules and evidence are created.
    await put(namespaces.map((ns) => flow({ source_namespace: ns, dest_port: 5432 })));
    const a = await measured(() => run('w', deps()));
    expect(writesTo(a, 'REC')).toBe(4);
    expect(writesTo(a, 'EVID')).toBe(4);

    // (b) the same traffic again: only the evidence items change, never the rules.
    clock.advance(30);
    await put(namespaces.map((ns) => flow({ source_namespace: ns, dest_port: 5432 })));
    const b = await measured(() => run('w', deps()));
    expect(writesTo(b, 'REC', 'NS')).toBe(0);
    expect(writesTo(b, 'EVID')).toBe(4);
    expect((await store.getRecommendation('w', 'a'))!.value.egress[0]!.evidence.records).toBe(2);

    // (c) nothing new: no recommendation, evidence or namespace item is written.
    clock.advance(30);
    const c = await measured(() => run('w', deps()));
    expect(writesTo(c, 'REC', 'EVID', 'NS')).toBe(0);

    // (d) one namespace learns a new port: one rules write, one evidence write.
    clock.advance(30);
    await put([flow({ source_namespace: 'b', dest_port: 6379 })]);
    const d = await measured(() => run('w', deps()));
    expect(writesTo(d, 'REC')).toBe(1);
    expect(writesTo(d, 'EVID')).toBe(1);
    expect((await store.getRecommendation('w', 'b'))!.value.egress[0]!.ports).toEqual([5432, 6379]);

    // A status that moves with time alone is one small update of the rules item, no evidence.
    clock.advance(3 * 150);
    const e = await measured(() => run('w', deps()));
    expect(writesTo(e, 'REC')).toBe(4);
    expect(writesTo(e, 'EVID')).toBe(0);
    expect((await store.getRecommendation('w', 'a'))!.value.status).toBe('Stabilizing');
    // Evidence that a status update did not read is left as it was.
    expect((await store.getRecommendation('w', 'a'))!.value.egress[0]!.evidence.records).toBe(2);
  });

  it('a push that changes nothing in the cluster writes no recommendation or namespace item', async () => {
    const h = await harness();
    try {
      const cluster = await h.cluster('idle');
      await h.recommend('idle', rec('shop', { egress: [namespaceRule('payments', 443)] }), rec('payments', { ingress: [namespaceRule('shop', 443)] }));
      await pushCluster(h.deps, cluster);
      h.clock.advance(200);
      const idle = await measured(async () => pushCluster(h.deps, await currentCluster(h.store, 'idle')));
      expect(writesTo(idle, 'REC', 'NS', 'EVID')).toBe(0);
      // A namespace label changed in the cluster: that one namespace item is written.
      addNamespace(h.fake, 'shop', { team: 'checkout' });
      h.clock.advance(200);
      const labelled = await measured(async () => pushCluster(h.deps, await currentCluster(h.store, 'idle')));
      expect(writesTo(labelled, 'NS')).toBe(1);
      expect(writesTo(labelled, 'REC')).toBe(0);
    } finally {
      await h.close();
    }
  });

  it('the run summary reports the capacity it consumed', async () => {
    const { store } = await freshStore();
    const clock = new TestClock(T0);
    await registerCluster(store, { id: 'cap', flowLogs: { bucket, prefix: 'capacity' }, registeredAt: T0 });
    await putObject(s3, bucket, fluentdKey('capacity', DAY, 0), fluentdObject([flow()]));
    const out = await run('cap', processDeps(store, s3, clock, { meter: dynamoCapacityMeter }));
    expect(out.ran && out.summary.capacity).toMatchObject({ read: expect.any(Number), write: expect.any(Number) });
    expect(out.ran && out.summary.capacity!.write).toBeGreaterThan(0);
  });
});

describe('item budget', () => {
  const longName = (i: number) => `${'n'.repeat(50)}-${String(i).padStart(4, '0')}`;
  const huge = () =>
    rec('big', {
      egress: Array.from({ length: 4000 }, (_, i) => ({
        ...namespaceRule(longName(i), 443),
        lastUpdated: `2026-09-01T12:${String(Math.floor(i / 100) % 60).padStart(2, '0')}:00Z`,
        evidence: { firstSeen: 1, lastSeen: 2, records: 1, flows: 1, bytesIn: 1, bytesOut: 1, examples: [longName(i), `${longName(i)}-x`] },
      })),
    });

  it('drops the newest rules past the budget, warns RuleLimitReached, and counts their records', () => {
    const { rec: fitted, droppedRecords } = fitItemBudget(huge());
    expect(fitted.warnings).toContain('RuleLimitReached');
    expect(fitted.egress.length).toBeLessThan(4000);
    expect(droppedRecords).toBe(4000 - fitted.egress.length);
    expect(Buffer.byteLength(JSON.stringify(fitted))).toBeGreaterThan(ITEM_BUDGET_BYTES / 2);
    // The oldest rules are kept.
    expect(fitted.egress[0]!.peer.name).toBe(longName(0));
    const small = rec('small', { egress: [namespaceRule('a', 1)] });
    expect(fitItemBudget(small)).toEqual({ rec: small, droppedRecords: 0 });
  });

  it('a new namespace too large for one item is still created, within the budget and with its warning', async () => {
    const { store } = await freshStore();
    const { rec: fitted } = fitItemBudget(huge());
    await store.putRecommendation('c', fitted, null);
    const stored = (await store.getRecommendation('c', 'big'))!;
    expect(stored.value.warnings).toContain('RuleLimitReached');
    expect(stored.value.egress.length).toBe(fitted.egress.length);
  });
});
