import { describe, expect, it } from 'vitest';
import { addRecord, emptyAggregate } from '../../../lib/core/engine';
import { readFlowObject } from '../../../lib/core/flowlog/read-stream';
import { parseRecord } from '../../../lib/core/flowlog/parse-record';
import type { FlowRecord } from '../../../lib/core/flowlog/record';
import { recommendationNamespace, stagedVerdict } from '../../../lib/core/impact';
import { emptyStats } from '../../../lib/core/stats';
import { fluentdObject, rawFlow } from '../../support/flowlog-files';

const TIER = 'namespace-isolation';
const PROFILE = '0|__PROFILE__|__PROFILE__.kns.shop|allow|0';
const MODERN_PROFILE = '0|__PROFILE__|pro:kns.shop|allow|0';

function record(policies: Record<string, unknown>, over: Record<string, unknown> = {}): FlowRecord {
  const r = parseRecord(rawFlow({ policies, ...over }));
  if (!r.ok) throw new Error(`fixture rejected: ${r.reason}`);
  return r.record;
}

describe('recommendationNamespace: which of our staged policies a hit names', () => {
  it.each([
    ['snp:shop/namespace-isolation.shop-recommendation', 'shop'],
    ['shop/namespace-isolation.staged:shop-recommendation', 'shop'],
    // Another namespace's name inside shop, other tiers, other policies, enforced kinds: not ours.
    ['snp:shop/namespace-isolation.cart-recommendation', null],
    ['snp:shop/other-tier.shop-recommendation', null],
    ['shop/namespace-isolation.staged:allow-web', null],
    ['np:shop/namespace-isolation.shop-recommendation', null],
    ['namespace-isolation.staged:shop-recommendation', null],
    ['snp:Shop/namespace-isolation.Shop-recommendation', null],
  ])('%s → %s', (name, expected) => {
    expect(recommendationNamespace(name, TIER)).toBe(expected);
  });
});

describe('stagedVerdict in every trace generation', () => {
  it.each([
    ['pending, modern name, allowed by a rule', { enforced_policies: [MODERN_PROFILE], pending_policies: [`0|${TIER}|snp:shop/${TIER}.shop-recommendation|allow|1`] }, 'allow'],
    ['pending, modern name, denied by a rule', { enforced_policies: [MODERN_PROFILE], pending_policies: [`0|${TIER}|snp:shop/${TIER}.shop-recommendation|deny|0`] }, 'deny'],
    ['pending, no rule matched (rule index -1)', { enforced_policies: [MODERN_PROFILE], pending_policies: [`0|${TIER}|snp:shop/${TIER}.shop-recommendation|deny|-1`] }, 'deny'],
    ['rule index -1 is a deny whatever the action says', { pending_policies: [`0|${TIER}|snp:shop/${TIER}.shop-recommendation|pass|-1`] }, 'deny'],
    [
      'legacy rule index -1 in all_policies',
      { all_policies: [`0|${TIER}|shop/${TIER}.staged:shop-recommendation|allow|-1`, '1|__PROFILE__|__PROFILE__.kns.shop|allow|0'] },
      'deny',
    ],
    ["pending, the tier's end written as eot:<tier>", { enforced_policies: [MODERN_PROFILE], pending_policies: [`0|${TIER}|eot:${TIER}|deny|-1`] }, 'deny'],
    ["pending, another tier's end is not ours", { pending_policies: [`0|security|eot:security|deny|-1`] }, undefined],
    [
      'pending with a pass rule (intra-namespace pass-through)',
      { pending_policies: [`0|${TIER}|snp:shop/${TIER}.shop-recommendation|pass|2`, PROFILE.replace('0|', '1|')] },
      'allow',
    ],
    [
      '2025: all + enforced + pending, legacy names',
      { all_policies: [PROFILE], enforced_policies: [PROFILE], pending_policies: [`0|${TIER}|shop/${TIER}.staged:shop-recommendation|deny|-1`] },
      'deny',
    ],
    [
      'older: staged hit inside all_policies, 4-part',
      { all_policies: [`0|${TIER}|shop/${TIER}.staged:shop-recommendation|deny`, `1|__PROFILE__|__PROFILE__.kns.shop|allow`] },
      'deny',
    ],
    [
      'older: staged allow inside all_policies',
      { all_policies: [`0|${TIER}|shop/${TIER}.staged:shop-recommendation|allow|0`, '1|__PROFILE__|__PROFILE__.kns.shop|allow|0'] },
      'allow',
    ],
    ["another tier's staged policy is ignored", { pending_policies: [`0|security|snp:shop/security.shop-recommendation|deny|-1`] }, undefined],
    ['another staged policy in our tier is ignored', { pending_policies: [`0|${TIER}|snp:shop/${TIER}.hand-written|deny|0`] }, undefined],
    ["another namespace's policy is ignored", { pending_policies: [`0|${TIER}|snp:cart/${TIER}.cart-recommendation|deny|-1`] }, undefined],
    ['enforced hits are not verdicts', { all_policies: [`0|${TIER}|shop/${TIER}.shop-recommendation|deny|0`] }, undefined],
    ['no staged policy at all', { all_policies: [PROFILE] }, undefined],
  ])('%s', (_, policies, expected) => {
    expect(stagedVerdict(record(policies), TIER, 'shop')).toBe(expected);
  });

  it('the verdict follows the tier it is asked for', () => {
    const r = record({ pending_policies: ['0|custom|snp:shop/custom.shop-recommendation|deny|-1'] });
    expect(stagedVerdict(r, 'custom', 'shop')).toBe('deny');
    expect(stagedVerdict(r, TIER, 'shop')).toBeUndefined();
  });
});

describe('the aggregate counts verdicts per namespace, by direction', () => {
  const snp = (ns: string, action: string, rule = 0) => ({ pending_policies: [`0|${TIER}|snp:${ns}/${TIER}.${ns}-recommendation|${action}|${rule}`] });

  it('egress counts for the source namespace, ingress for the destination; denies keep examples', async () => {
    const lines = [
      rawFlow({ policies: snp('shop', 'allow'), num_flows: 3 }),
      rawFlow({ policies: snp('shop', 'deny', -1), dest_port: 6379, num_flows: 2 }),
      rawFlow({
        reporter: 'dst',
        source_type: 'wep',
        source_namespace: 'shop',
        source_name_aggr: 'checkout-*',
        dest_type: 'wep',
        dest_namespace: 'payments',
        dest_name_aggr: 'api-*',
        dest_port: 8080,
        policies: snp('payments', 'deny'),
      }),
      // src-reported, but the hit names the destination's policy: not the source's verdict.
      rawFlow({ policies: snp('payments', 'deny') }),
      // fwd reporter: never counted.
      rawFlow({ reporter: 'fwd', policies: snp('shop', 'deny') }),
    ];
    const agg = emptyAggregate(emptyStats());
    const body = (async function* () {
      yield fluentdObject(lines);
    })();
    await readFlowObject(body, (r) => addRecord(agg, r, { clusterDomain: 'cluster.local', impactTier: TIER }));
    const shop = agg.impact!.get('shop')!;
    expect([...shop.buckets.values()]).toEqual([{ flows: 5, denyFlows: 2, denyLastSeen: 1_788_264_300 }]);
    expect([...shop.examples.keys()]).toEqual(['egress|TCP|06379|private']);
    expect([...agg.impact!.get('payments')!.examples.keys()]).toEqual(['ingress|TCP|08080|shop/checkout-*']);
    expect([...agg.impact!.keys()].sort()).toEqual(['payments', 'shop']);
  });

  it('without impactTier nothing is counted', () => {
    const agg = emptyAggregate(emptyStats());
    addRecord(agg, record(snp('shop', 'deny')), { clusterDomain: 'cluster.local' });
    expect(agg.impact).toBeUndefined();
  });
});
