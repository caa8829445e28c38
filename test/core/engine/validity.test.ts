import { describe, expect, it } from 'vitest';
import { policyName, renderRecommendation, type Recommendation, type Rule, type RuleKind } from '../../../lib/core/engine';
import { MAX_PORTS_PER_RULE, portRuns } from '../../../lib/core/engine/render-rule';
import { BUILT_IN_TIERS, resolveScope, ScopeValidationError } from '../../../lib/core/scope';

const T = '2026-09-01T12:00:00Z';
const ann = 'policyrecommendation.tigera.io';
const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

function rule(kind: RuleKind, ports: number[], o: Partial<Rule> = {}): Rule {
  const peer =
    kind === 'Namespace' ? { name: 'payments' } : kind === 'NetworkSet' ? { name: 'partners', namespace: 'shared' } : kind === 'Service' ? { name: 'api', namespace: 'data' } : {};
  return {
    kind,
    protocol: 'TCP',
    peer,
    ports,
    domains: kind === 'Domains' ? ['a.example.com'] : [],
    lastUpdated: T,
    evidence: { firstSeen: 0, lastSeen: 0, records: 1, flows: 1, bytesIn: 0, bytesOut: 0, examples: [] },
    ...o,
  };
}

function rec(egress: Rule[], ingress: Rule[] = []): Recommendation {
  return { namespace: 'shop', stagedAction: 'Learn', enforced: false, status: 'Learning', lastUpdated: T, egress, ingress, warnings: [] };
}

const render = (r: Recommendation, maxRules = 20) => renderRecommendation(r, { tier: 'namespace-isolation', maxRules, intraNamespacePass: false });

describe('at most 50 ports per rendered rule', () => {
  it.each([
    [0, [0]],
    [1, [1]],
    [50, [50]],
    [51, [50, 1]],
    [100, [50, 50]],
    [256, [50, 50, 50, 50, 50, 6]],
  ])('%i ports split into runs of %j', (n, sizes) => {
    expect(portRuns(range(1, n)).map((r) => r.length)).toEqual(sizes);
  });

  it.each(['Namespace', 'NetworkSet', 'Private', 'Public'] as RuleKind[])(
    '%s: a 120-port key renders as 3 rules in port order with the same peer, protocol and annotations',
    (kind) => {
      const ports = range(1000, 120);
      const { policy, ruleCounts } = render(rec([rule(kind, ports)], [rule(kind, ports)]));
      for (const rules of [policy.spec.egress!, policy.spec.ingress!]) {
        expect(rules).toHaveLength(3);
        expect(rules.flatMap((r) => r.destination!.ports)).toEqual(ports);
        expect(rules.every((r) => r.destination!.ports!.length <= MAX_PORTS_PER_RULE)).toBe(true);
        const withoutPorts = rules.map((r) => ({ ...r, destination: { ...r.destination, ports: undefined } }));
        expect(withoutPorts[1]).toEqual(withoutPorts[0]);
        expect(withoutPorts[2]).toEqual(withoutPorts[0]);
      }
      // The split is Calico's limit, not more learned rules: counts and maxRules see one rule.
      expect(ruleCounts).toEqual({ egress: 1, ingress: 1 });
      expect(render(rec([rule(kind, ports)]), 1).exceedsMaxRules).toBe(false);
    },
  );

  it('the split runs stay together in the rule order', () => {
    const { policy } = render(rec([rule('Public', range(1, 60)), rule('Private', [22]), rule('Namespace', range(100, 51))]));
    expect(policy.spec.egress!.map((r) => `${r.metadata.annotations[`${ann}/scope`]}:${r.destination!.ports!.length}`)).toEqual([
      'Namespace:50',
      'Namespace:1',
      'Private:1',
      'Public:50',
      'Public:10',
    ]);
  });

  it('a Service rule never carries ports, however many were learned', () => {
    const { policy } = render(rec([rule('Service', range(1, 80))]));
    expect(policy.spec.egress).toHaveLength(1);
    expect(policy.spec.egress![0]!.destination).toEqual({ services: { name: 'api', namespace: 'data' } });
  });

  it('contracted domains: the DomainSet rule splits as well', () => {
    const domains = range(1, 75).map((p) => rule('Domains', [p], { domains: [`d${p}.example.com`] }));
    const { policy, domainSet } = render(rec(domains), 20);
    expect(domainSet!.spec.allowedEgressDomains).toHaveLength(75);
    expect(policy.spec.egress!.map((r) => [r.metadata.annotations[`${ann}/scope`], r.destination!.ports!.length])).toEqual([
      ['DomainSet', 50],
      ['DomainSet', 25],
    ]);
    expect(policy.spec.egress![1]!.destination!.selector).toBe(policy.spec.egress![0]!.destination!.selector);
  });
});

describe('policy names keep their tier prefix', () => {
  const tiers = [1, 10, 40, 50, 51, 52, 57, 62, 63].map((n) => 't'.repeat(n - 1) + 'x');
  const namespaces = [1, 20, 36, 37, 63].map((n) => 'n'.repeat(n - 1) + 's');

  it.each(tiers.flatMap((t) => namespaces.map((ns) => [t.length, ns.length, t, ns] as const)))('tier of %i, namespace of %i characters', (_t, _n, tier, ns) => {
    const name = policyName(tier, ns);
    expect(name.startsWith(`${tier}.`)).toBe(true);
    expect(name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?\.[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    expect(name.length).toBeLessThanOrEqual(Math.max(63, tier.length + 11));
    expect(policyName(tier, ns)).toBe(name);
  });

  it('is unchanged when it fits, and different namespaces never share a shortened name', () => {
    expect(policyName('namespace-isolation', 'shop')).toBe('namespace-isolation.shop-recommendation');
    const tier = 'a'.repeat(60);
    expect(policyName(tier, 'shop-a')).not.toBe(policyName(tier, 'shop-b'));
    expect(policyName('namespace-isolation', 'n'.repeat(60) + 'a')).not.toBe(policyName('namespace-isolation', 'n'.repeat(60) + 'b'));
  });
});

describe("Calico's built-in tiers are refused by the scope", () => {
  it.each([...BUILT_IN_TIERS])('%s', (tierName) => {
    expect(() => resolveScope({ namespaceSpec: { tierName } })).toThrow(ScopeValidationError);
    expect(() => resolveScope({ namespaceSpec: { tierName } })).toThrow(/namespaceSpec.tierName/);
  });

  it.each(['namespace-isolation', 'defaults', 'default-x', 'kube-admins'])('accepts %s', (tierName) => {
    expect(resolveScope({ namespaceSpec: { tierName } }).spec.namespaceSpec.tierName).toBe(tierName);
  });
});
