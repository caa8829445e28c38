import { describe, expect, it } from 'vitest';
import { applyAction, applyEnforcement, boardTab, forgetNamespace, InvalidTransitionError, type BoardAction, type Recommendation } from '../../../lib/core/engine';
import { resolveScope } from '../../../lib/core/scope';
import { egressFrom } from '../../support/records';
import { learn, NOW } from '../../support/engine';

const scope = resolveScope({ interval: '150s', stabilizationPeriod: '10m', namespaceSpec: { recStatus: 'Enabled' } });
const shopFlow = (port: number) => egressFrom('shop', 'a-*', { destNameAggr: 'pvt', destPort: port });

function base(over: Partial<Recommendation> = {}): Recommendation {
  return { namespace: 'shop', stagedAction: 'Learn', enforced: false, status: 'Learning', lastUpdated: '2026-09-01T12:00:00Z', egress: [], ingress: [], warnings: [], ...over };
}

describe('status by time alone (docs/engine.md)', () => {
  const first = learn([shopFlow(80)], { scope });
  const at = (seconds: number) => learn([], { scope, previous: first.all, now: NOW + seconds }).all.get('shop')!.status;

  it.each([
    [0, 'Learning'],
    [300, 'Learning'], // d = 2 × interval is not yet > 2 × interval
    [301, 'Stabilizing'],
    [600, 'Stabilizing'],
    [601, 'Stable'],
  ])('after %i s without change the status is %s', (seconds, status) => {
    expect(at(seconds)).toBe(status);
  });

  it('a rule change brings a Stable recommendation back to Learning with a new lastUpdated', () => {
    const stable = learn([], { scope, previous: first.all, now: NOW + 700 }).all;
    const grown = learn([shopFlow(81)], { scope, previous: stable, now: NOW + 800 }).all.get('shop')!;
    expect(grown.status).toBe('Learning');
    expect(grown.lastUpdated).toBe('2026-09-01T12:20:00Z');
  });

  it('traffic that adds nothing does not reset the status or lastUpdated, but updates evidence', () => {
    const stable = learn([], { scope, previous: first.all, now: NOW + 700 }).all;
    const again = learn([shopFlow(80)], { scope, previous: stable, now: NOW + 800 }).all.get('shop')!;
    expect(again.status).toBe('Stable');
    expect(again.lastUpdated).toBe(first.all.get('shop')!.lastUpdated);
    expect(again.egress[0]!.evidence.records).toBe(2);
  });

  it('frozen (Set / Ignore / enforced) recommendations neither learn nor change status', () => {
    for (const frozen of [base({ stagedAction: 'Set' }), base({ stagedAction: 'Ignore' }), base({ stagedAction: 'Ignore', enforced: true })]) {
      const r = learn([shopFlow(80)], { scope, previous: new Map([['shop', frozen]]), now: NOW + 10_000 });
      expect(r.changed.size).toBe(0);
      expect(r.stats.skipped.notLearning).toBe(1);
    }
  });
});

describe('board actions (docs/engine.md)', () => {
  const states: Record<string, Recommendation> = {
    recommendations: base(),
    active: base({ stagedAction: 'Set' }),
    dismissed: base({ stagedAction: 'Ignore' }),
    enforced: base({ stagedAction: 'Ignore', enforced: true }),
  };
  // A tab, or 'noop' / 'conflict'.
  const table: [string, BoardAction, string][] = [
    ['recommendations', 'activate', 'active'],
    ['recommendations', 'dismiss', 'dismissed'],
    ['recommendations', 'reactivate', 'noop'],
    ['active', 'activate', 'noop'],
    ['active', 'dismiss', 'dismissed'],
    ['active', 'reactivate', 'conflict'],
    ['dismissed', 'activate', 'conflict'],
    ['dismissed', 'dismiss', 'noop'],
    ['dismissed', 'reactivate', 'recommendations'],
    ['enforced', 'activate', 'conflict'],
    ['enforced', 'dismiss', 'conflict'],
    ['enforced', 'reactivate', 'conflict'],
  ];
  it.each(table)('%s + %s → %s', (from, action, expected) => {
    const rec = states[from]!;
    if (expected === 'conflict') {
      expect(() => applyAction(rec, action)).toThrow(InvalidTransitionError);
      return;
    }
    const r = applyAction(rec, action);
    expect(r.changed).toBe(expected !== 'noop');
    expect(boardTab(r.rec)).toBe(expected === 'noop' ? from : expected);
  });

  it('reactivate keeps the rules and lifts a MaxRulesExceeded freeze', () => {
    const rules = learn([shopFlow(80)], { scope }).all.get('shop')!.egress;
    const r = applyAction(base({ stagedAction: 'Ignore', egress: rules, warnings: ['MaxRulesExceeded'] }), 'reactivate').rec;
    expect(r.egress).toEqual(rules);
    expect(r.warnings).toEqual([]);
  });

  it('a reactivation made in the cluster lifts a MaxRulesExceeded freeze like the board does', async () => {
    const { adoptClusterStagedAction } = await import('../../../lib/core/engine');
    const adopted = adoptClusterStagedAction(base({ stagedAction: 'Ignore', warnings: ['MaxRulesExceeded'] }), 'Learn');
    expect(adopted).toMatchObject({ changed: true, rec: { stagedAction: 'Learn', warnings: [] } });
  });

  it('enforcement freezes; deleting the enforced NetworkPolicy returns to Learn with no rules', () => {
    const rules = learn([shopFlow(80)], { scope }).all.get('shop')!.egress;
    const enforced = applyEnforcement(base({ egress: rules }), true, '2026-09-01T13:00:00Z').rec;
    expect(boardTab(enforced)).toBe('enforced');
    const rerun = applyEnforcement(enforced, false, '2026-09-01T14:00:00Z').rec;
    expect(rerun).toMatchObject({ stagedAction: 'Learn', enforced: false, status: 'Learning', egress: [], ingress: [], lastUpdated: '2026-09-01T14:00:00Z' });
  });

  it('a deleted namespace disappears from the Namespace rules of other Learn recommendations only', () => {
    const toPayments = egressFrom('shop', 'a-*', { destType: 'wep', destNamespace: 'payments', destPort: 80 });
    const toDb = egressFrom('shop', 'a-*', { destNameAggr: 'pvt', destPort: 5432 });
    const learned = learn([toPayments, toDb], { scope }).all.get('shop')!;
    const [changed] = forgetNamespace([learned, base({ namespace: 'frozen', stagedAction: 'Set', egress: learned.egress })], 'payments', '2026-09-01T15:00:00Z');
    expect(changed!.namespace).toBe('shop');
    expect(changed!.egress.map((r) => r.kind)).toEqual(['Private']);
  });
});

describe('learning cut-off and scope (docs/engine.md)', () => {
  const nsFlow = (ns: string) => egressFrom(ns, 'a-*', { destNameAggr: 'pvt', destPort: 80 });

  it('does not create new recommendations once policiesLearningCutOff are Learning; lists them as queued', () => {
    const s = resolveScope({ policiesLearningCutOff: 2, namespaceSpec: { recStatus: 'Enabled' } });
    const r = learn([nsFlow('c'), nsFlow('a'), nsFlow('b')], { scope: s });
    expect([...r.changed.keys()].sort()).toEqual(['a', 'b']);
    expect(r.queued).toEqual(['c']);
    expect(r.stats.skipped.queued).toBe(1);
    // Once the first ones stabilise, the queued namespace gets its turn.
    const later = learn([nsFlow('c')], { scope: s, previous: r.all, now: NOW + 3600 });
    expect(later.changed.get('c')?.status).toBe('Learning');
  });

  it('the CLI path ignores the cut-off', () => {
    const s = resolveScope({ policiesLearningCutOff: 1, namespaceSpec: { recStatus: 'Enabled' } });
    expect(learn([nsFlow('a'), nsFlow('b')], { scope: s, cutOff: false }).changed.size).toBe(2);
  });

  it('namespaces outside the selector are skipped and counted', () => {
    const r = learn([nsFlow('kube-system'), nsFlow('shop')], { scope });
    expect([...r.changed.keys()]).toEqual(['shop']);
    expect(r.stats.skipped.outOfScope).toBe(1);
  });
});

describe('maxRules and domain contraction (docs/engine.md)', () => {
  const domainFlow = (i: number) => egressFrom('shop', 'a-*', { destPort: 1000 + i, destDomains: [`d${i}.example.com`] });

  it('contracts Domains rules into one DomainSet rule per protocol and the <ns>-egress-domains set', async () => {
    const s = resolveScope({ maxRules: 3, namespaceSpec: { recStatus: 'Enabled' } });
    const { all } = learn([domainFlow(1), domainFlow(2), domainFlow(3), egressFrom('shop', 'a-*', { destNameAggr: 'pvt', destPort: 5432 })], { scope: s });
    const { render } = await import('../../support/engine');
    const out = render(all.get('shop')!, s);
    expect(out.exceedsMaxRules).toBe(false);
    expect(out.domainSet).toEqual({
      apiVersion: 'projectcalico.org/v3',
      kind: 'NetworkSet',
      metadata: {
        name: 'shop-egress-domains',
        namespace: 'shop',
        labels: { 'app.kubernetes.io/managed-by': 'policy-recommender', 'policyrecommendation.tigera.io/scope': 'Domains' },
      },
      spec: { allowedEgressDomains: ['d1.example.com', 'd2.example.com', 'd3.example.com'] },
    });
    expect(out.policy.spec.egress!.map((r) => r.metadata.annotations['policyrecommendation.tigera.io/scope'])).toEqual(['DomainSet', 'Private']);
    expect(out.policy.spec.egress![0]!.destination).toEqual({ selector: "policyrecommendation.tigera.io/scope == 'Domains'", ports: [1001, 1002, 1003] });
  });

  it('still over maxRules: keeps the last rules, warns MaxRulesExceeded and stops updating', () => {
    const s = resolveScope({ maxRules: 2, namespaceSpec: { recStatus: 'Enabled' } });
    const ns = (n: string) => egressFrom('shop', 'a-*', { destType: 'wep', destNamespace: n, destPort: 80 });
    const first = learn([ns('a'), ns('b')], { scope: s });
    const over = learn([ns('c')], { scope: s, previous: first.all, now: NOW + 10 }).all.get('shop')!;
    expect(over.warnings).toEqual(['MaxRulesExceeded']);
    expect(over.egress.map((r) => r.peer.name)).toEqual(['a', 'b']);
    const frozen = learn([ns('d')], { scope: s, previous: new Map([['shop', over]]), now: NOW + 20 });
    expect(frozen.changed.size).toBe(0);
  });
});
