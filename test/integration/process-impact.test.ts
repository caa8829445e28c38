import { beforeAll, describe, expect, it } from 'vitest';
import type { S3Client } from '@aws-sdk/client-s3';
import type { StateStore } from '../../lib/app/store';
import { rfc3339, type Recommendation } from '../../lib/core/engine';
import { freshBucket, freshStore, putObject, s3Client } from '../support/aws';
import { fluentBitKey, fluentBitObject, fluentdKey, fluentdObject, rawFlow } from '../support/flowlog-files';
import { processDeps, registerCluster, run, TestClock } from '../support/process';

const T0 = Math.floor(Date.now() / 1000);
const DAY = new Date(T0 * 1000).toISOString().slice(0, 10).replace(/-/g, '');
const TIER = 'namespace-isolation';
/** Rules last changed an hour ago: the window (one 150 s interval later) holds every record below. */
const RULES_AT = rfc3339(T0 - 3600);

const verdict = (ns: string, action: string, rule: number, tier = TIER) => `0|${tier}|snp:${ns}/${tier}.${ns}-recommendation|${action}|${rule}`;
const at = (o: Record<string, unknown> = {}) => rawFlow({ start_time: T0 - 300, end_time: T0 - 10, ...o });
const staged = (hit: string) => ({ policies: { enforced_policies: ['0|__PROFILE__|pro:kns.shop|allow|0'], pending_policies: [hit] } });

function active(namespace: string, stagedAction: Recommendation['stagedAction'] = 'Set'): Recommendation {
  return { namespace, stagedAction, enforced: false, status: 'Stable', lastUpdated: RULES_AT, egress: [], ingress: [], warnings: [] };
}

/** Counts impact writes, to check that runs without verdicts write nothing. */
function counting(store: StateStore) {
  const counts = { impact: 0, rec: 0 };
  const wrapped: StateStore = {
    ...store,
    putImpact: (...args) => (counts.impact++, store.putImpact(...args)),
    putRecommendation: (...args) => (counts.rec++, store.putRecommendation(...args)),
  };
  return { store: wrapped, counts };
}

describe('processing counts the staged verdicts of our recommendations into IMPACT# items', () => {
  let s3: S3Client;
  let bucket: string;
  beforeAll(async () => {
    s3 = s3Client();
    bucket = await freshBucket(s3);
  });

  it('counts flows and would-deny flows per namespace, in its own item, without rewriting the recommendation', async () => {
    const base = await freshStore();
    await registerCluster(base.store, { id: 'c', flowLogs: { bucket, prefix: 'count' }, registeredAt: T0 });
    await base.store.putRecommendation('c', active('shop'), null);
    await base.store.putRecommendation('c', active('cart', 'Learn'), null);
    await base.store.putRecommendation('c', active('web', 'Ignore'), null);
    const { store, counts } = counting(base.store);
    await putObject(
      s3,
      bucket,
      fluentdKey('count', DAY, 0),
      fluentdObject([
        at({ ...staged(verdict('shop', 'allow', 0)), num_flows: 3 }),
        at({ ...staged(verdict('shop', 'deny', -1)), dest_port: 6379, num_flows: 2 }),
        at({ ...staged(verdict('shop', 'deny', -1, 'security')) }), // another tier's
        at({ ...staged(verdict('payments', 'deny', -1)) }), // another namespace's policy
        at({ ...staged(verdict('shop', 'allow', 1)), start_time: T0 - 3600 }), // before the window
        at({ ...staged(verdict('web', 'deny', 0)), source_namespace: 'web' }), // dismissed: not observed
      ]),
    );
    await putObject(
      s3,
      bucket,
      fluentBitKey('count', DAY, 'legacy01'),
      fluentBitObject([
        at({
          reporter: 'dst',
          source_type: 'hep',
          source_namespace: '-',
          source_name_aggr: 'node-1',
          dest_type: 'wep',
          dest_namespace: 'cart',
          dest_name_aggr: 'redis-*',
          dest_port: 6379,
          policies: { all_policies: [`0|${TIER}|cart/${TIER}.staged:cart-recommendation|deny`, '1|__PROFILE__|__PROFILE__.kns.cart|allow'] },
        }),
      ]),
    );

    const out = await run('c', processDeps(store, s3, new TestClock(T0)));

    expect(out.ran && out.summary.objects.done).toBe(2);
    const shop = (await store.getImpact('c', 'shop'))!;
    expect(shop.value).toMatchObject({ rulesAt: RULES_AT, flowsObserved: 5, wouldDenyFlows: 2, wouldDenyLastSeen: T0 - 10 });
    expect(shop.value.examples).toEqual([{ direction: 'egress', peer: 'private', protocol: 'TCP', port: 6379 }]);
    // Older logs: a staged hit inside all_policies (a host peer, so nothing is learned and the rules stay).
    expect((await store.getImpact('c', 'cart'))!.value).toMatchObject({
      flowsObserved: 1,
      wouldDenyFlows: 1,
      examples: [{ direction: 'ingress', peer: 'host node-1', protocol: 'TCP', port: 6379 }],
    });
    expect(await store.getImpact('c', 'web')).toBeUndefined();
    expect(await store.getImpact('c', 'payments')).toBeUndefined();
    expect(counts.impact).toBe(2);
    // The active recommendation is not learned into, and its item is not rewritten for the impact.
    expect((await store.getRecommendation('c', 'shop'))!.version).toBe(1);

    // A run whose records carry no verdict writes no impact at all.
    await putObject(s3, bucket, fluentdKey('count', DAY, 1), fluentdObject([at({ dest_port: 5432 })]));
    const second = await run('c', processDeps(store, s3, new TestClock(T0 + 150)));
    expect(second.ran && second.summary.objects.done).toBe(1);
    expect(counts.impact).toBe(2);

    // More verdicts add to the same window.
    await putObject(s3, bucket, fluentdKey('count', DAY, 2), fluentdObject([at({ ...staged(verdict('shop', 'allow', 0)), num_flows: 4 })]));
    await run('c', processDeps(store, s3, new TestClock(T0 + 300)));
    expect((await store.getImpact('c', 'shop'))!.value).toMatchObject({ flowsObserved: 9, wouldDenyFlows: 2 });
    expect((await store.getImpact('c', 'shop'))!.rev).toBe(2);
  });

  it('a rule change opens a new window', async () => {
    const { store } = await freshStore();
    await registerCluster(store, { id: 'c', flowLogs: { bucket, prefix: 'window' }, registeredAt: T0 });
    await store.putRecommendation('c', active('shop'), null);
    await putObject(s3, bucket, fluentdKey('window', DAY, 0), fluentdObject([at({ ...staged(verdict('shop', 'deny', 0)), dest_port: 1 })]));
    await run('c', processDeps(store, s3, new TestClock(T0)));
    expect((await store.getImpact('c', 'shop'))!.value.wouldDenyFlows).toBe(1);

    const stored = (await store.getRecommendation('c', 'shop'))!;
    const changedAt = rfc3339(T0 - 1800);
    await store.putRecommendation('c', { ...stored.value, lastUpdated: changedAt }, stored);
    await putObject(s3, bucket, fluentdKey('window', DAY, 1), fluentdObject([at({ ...staged(verdict('shop', 'allow', 0)), num_flows: 7 })]));
    await run('c', processDeps(store, s3, new TestClock(T0 + 150)));
    expect((await store.getImpact('c', 'shop'))!.value).toMatchObject({ rulesAt: changedAt, flowsObserved: 7, wouldDenyFlows: 0, examples: [] });
  });
});
