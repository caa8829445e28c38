import { describe, expect, it } from 'vitest';
import { recommendOnce } from '../../lib/app/recommend-once';
import type { FlowObjectSource } from '../../lib/app/ports';
import { renderRecommendation, renderTier, type Manifest, type StagedNetworkPolicy } from '../../lib/core/engine';
import type { FlowRecord, Protocol } from '../../lib/core/flowlog/record';
import { demoObjects } from '../../lib/local/demo/generate';
import { DEMO_SCOPE } from '../../lib/local/demo/seed';
import { resolveScope, type Scope } from '../../lib/core/scope';
import { asNetworkPolicy, calicoProblems } from '../support/calico-crds';
import { learn, NOW, render } from '../support/engine';
import { egressFrom, ingressTo } from '../support/records';

/**
 * Every object kind we emit — Tier, StagedNetworkPolicy, NetworkSet, and the NetworkPolicy a
 * staged policy becomes when enforced — against Calico's published CRD schemas and the checks
 * its API server makes beyond them (test/support/calico-crds). Over the demo data, the worked
 * example and a generated stress set; negative controls prove the checks bite.
 */
function expectAccepted(manifests: readonly Manifest[]): void {
  expect(manifests.length).toBeGreaterThan(0);
  for (const m of manifests) {
    expect({ kind: m.kind, name: m.metadata.name, problems: calicoProblems(m) }).toEqual({ kind: m.kind, name: m.metadata.name, problems: [] });
    if (m.kind === 'StagedNetworkPolicy') {
      expect({ kind: 'NetworkPolicy', name: m.metadata.name, problems: calicoProblems(asNetworkPolicy(m), 'NetworkPolicy') }).toEqual({
        kind: 'NetworkPolicy',
        name: m.metadata.name,
        problems: [],
      });
    }
  }
}

const kinds = (ms: readonly Manifest[]) => [...new Set(ms.map((m) => m.kind))].sort();

describe('the demo data', () => {
  it('renders only objects Calico accepts', async () => {
    const objects = demoObjects('demo-cluster', NOW);
    const source: FlowObjectSource = {
      description: 'demo',
      async *list() {
        for (const o of objects) yield { key: o.key };
      },
      async open(ref) {
        const body = objects.find((o) => o.key === ref.key)!.body;
        return (async function* () {
          yield body;
        })();
      },
    };
    const result = await recommendOnce({ source, scope: resolveScope(DEMO_SCOPE), clusterDomain: 'cluster.local', now: NOW, workers: 0 });
    const manifests = [result.tier, ...result.namespaces.flatMap((n) => n.manifests)];
    expect(result.namespaces.length).toBeGreaterThan(1);
    expectAccepted(manifests);
  });
});

describe('the worked example', () => {
  it('renders only objects Calico accepts', () => {
    const records = [
      egressFrom('shop', 'checkout-*', { destType: 'net', destNameAggr: 'pub', destPort: 443, destDomains: ['api.stripe.com'] }),
      egressFrom('shop', 'checkout-*', { destType: 'wep', destNamespace: 'payments', destNameAggr: 'api-*', destPort: 8080 }),
      ingressTo('shop', 'checkout-*', { sourceType: 'wep', sourceNamespace: 'frontend', sourceNameAggr: 'web-*', destPort: 80 }),
    ];
    const { all, scope } = learn(records);
    expectAccepted([renderTier(scope.spec.namespaceSpec.tierName), render(all.get('shop')!, scope).policy]);
  });
});

/** Every rule kind, both directions, several protocols, 120 ports per key, long names, many domains. */
function stressRecords(ns: string): FlowRecord[] {
  const out: FlowRecord[] = [];
  const ports = [1, 65535, ...Array.from({ length: 118 }, (_, i) => 1000 + i * 7)];
  const longSet = `partners-${'x'.repeat(80)}`;
  const protocols: Protocol[] = ['TCP', 'UDP', 'SCTP'];
  for (const protocol of protocols) {
    for (const destPort of ports) {
      out.push(egressFrom(ns, 'a-*', { protocol, destPort, destType: 'wep', destNamespace: 'payments', destNameAggr: 'api-*' }));
      out.push(egressFrom(ns, 'a-*', { protocol, destPort, destType: 'wep', destNamespace: ns, destNameAggr: 'self-*' }));
      out.push(egressFrom(ns, 'a-*', { protocol, destPort, destType: 'ns', destNamespace: null, destNameAggr: longSet }));
      out.push(egressFrom(ns, 'a-*', { protocol, destPort, destType: 'ns', destNamespace: ns, destNameAggr: 'local-set' }));
      out.push(egressFrom(ns, 'a-*', { protocol, destPort, destNameAggr: 'pvt' }));
      out.push(egressFrom(ns, 'a-*', { protocol, destPort, destNameAggr: 'pub' }));
      out.push(egressFrom(ns, 'a-*', { protocol, destPort, destNameAggr: 'pub', destServiceName: 'api', destServiceNamespace: ns }));
      out.push(ingressTo(ns, 'a-*', { protocol, destPort, sourceType: 'wep', sourceNamespace: 'frontend', sourceNameAggr: 'web-*' }));
      out.push(ingressTo(ns, 'a-*', { protocol, destPort, sourceType: 'ns', sourceNamespace: null, sourceNameAggr: longSet }));
      out.push(ingressTo(ns, 'a-*', { protocol, destPort, sourceType: 'net', sourceNameAggr: 'pvt' }));
      out.push(ingressTo(ns, 'a-*', { protocol, destPort, sourceType: 'net', sourceNameAggr: 'pub' }));
    }
  }
  for (const protocol of ['ICMP', 'ICMPv6', '47', '255'] as Protocol[]) {
    out.push(egressFrom(ns, 'a-*', { protocol, destNameAggr: 'pvt' }), ingressTo(ns, 'a-*', { protocol, sourceType: 'net', sourceNameAggr: 'pub' }));
  }
  // Many domains: one key with the most a rule stores, and many keys (one per port) for contraction.
  for (let i = 0; i < 300; i++) out.push(egressFrom(ns, 'a-*', { destPort: 443, destDomains: [`d${i}.${'long-label-'.repeat(5)}example.com`, `*.w${i}.example.org`] }));
  for (const destPort of ports) out.push(egressFrom(ns, 'a-*', { destPort, destDomains: [`p${destPort}.example.net`] }));
  out.push(egressFrom(ns, 'a-*', { destPort: null, destDomains: ['portless.example.net'] }));
  return out;
}

describe('a generated stress set', () => {
  const longNs = `ns-${'n'.repeat(59)}x`;
  const scopes: [string, Scope][] = [
    ['the default scope', resolveScope({ namespaceSpec: { recStatus: 'Enabled' } })],
    [
      'pass-through, a 63-character tier, Domains contracted',
      resolveScope({ maxRules: 20, namespaceSpec: { recStatus: 'Enabled', intraNamespacePassThroughTraffic: true, tierName: `t${'i'.repeat(61)}r` } }),
    ],
    [
      'pass-through, a 51-character tier, no contraction',
      resolveScope({ maxRules: 1000, namespaceSpec: { recStatus: 'Enabled', intraNamespacePassThroughTraffic: true, tierName: `t${'i'.repeat(49)}r` } }),
    ],
  ];

  it.each(scopes)('%s: every kind, 120-port keys, long names and many domains render only objects Calico accepts', (_, scope) => {
    for (const ns of ['shop', longNs]) {
      const { all } = learn(stressRecords(ns), { scope });
      const rendered = renderRecommendation(all.get(ns)!, {
        tier: scope.spec.namespaceSpec.tierName,
        maxRules: scope.spec.maxRules,
        intraNamespacePass: scope.spec.namespaceSpec.intraNamespacePassThroughTraffic,
      });
      const manifests: Manifest[] = [renderTier(scope.spec.namespaceSpec.tierName), rendered.policy, ...(rendered.domainSet ? [rendered.domainSet] : [])];
      if (scope.spec.maxRules === 20) expect(kinds(manifests)).toEqual(['NetworkSet', 'StagedNetworkPolicy', 'Tier']);
      const rules = [...rendered.policy.spec.egress!, ...rendered.policy.spec.ingress!];
      expect(Math.max(...rules.map((r) => r.destination?.ports?.length ?? 0))).toBe(50);
      expect(new Set(rules.map((r) => r.metadata.annotations['policyrecommendation.tigera.io/scope']))).toEqual(
        new Set(['Service', 'Namespace', 'NetworkSet', 'Private', 'Public', scope.spec.maxRules === 20 ? 'DomainSet' : 'Domains']),
      );
      if (scope.spec.namespaceSpec.intraNamespacePassThroughTraffic) expect(rules.some((r) => r.action === 'Pass')).toBe(true);
      expectAccepted(manifests);
    }
  });
});

describe('negative controls: the checks refuse what Calico refuses', () => {
  const { all, scope } = learn([egressFrom('shop', 'a-*', { destNameAggr: 'pvt', destPort: 443 })]);
  const policy = render(all.get('shop')!, scope).policy;
  const withRule = (patch: Record<string, unknown>): StagedNetworkPolicy => ({ ...policy, spec: { ...policy.spec, egress: [{ ...policy.spec.egress![0]!, ...patch }] } });

  it.each([
    ['51 ports in one rule', withRule({ destination: { ports: Array.from({ length: 51 }, (_, i) => i + 1) } }), /maxItems|must NOT have more than 50/],
    ['port 0', withRule({ destination: { ports: [0] } }), /ports 0/],
    ['protocol 0', withRule({ protocol: 0 }), /protocol 0|must be/],
    ['ports beside a service', withRule({ destination: { services: { name: 'a', namespace: 'b' }, ports: [80] } }), /x-kubernetes-validations/],
    ['global() in a rule selector', withRule({ destination: { selector: 'global()' } }), /x-kubernetes-validations/],
    [
      'domains on ingress',
      { ...policy, spec: { ...policy.spec, types: ['Egress', 'Ingress'], ingress: [{ ...policy.spec.egress![0]!, destination: { domains: ['a.com'] } }] } },
      /domains only on egress/,
    ],
    ['a policy name without its tier prefix', { ...policy, metadata: { ...policy.metadata, name: 'shop-recommendation' } }, /lacks the prefix/],
    ['duplicate nets', withRule({ destination: { nets: ['10.0.0.0/8', '10.0.0.0/8'] } }), /x-kubernetes-list-type/],
    ['types without rules', { ...policy, spec: { ...policy.spec, types: ['Egress', 'Ingress'] } }, /spec.types/],
  ] as [string, StagedNetworkPolicy, RegExp][])('%s', (_, manifest, problem) => {
    expect(calicoProblems(manifest).join('\n')).toMatch(problem);
  });

  it.each([
    ['default', /x-kubernetes-validations/],
    ['kube-admin', /x-kubernetes-validations/],
    ['kube-baseline', /x-kubernetes-validations/],
  ])('Tier %s with our order', (name, problem) => {
    expect(calicoProblems(renderTier(name)).join('\n')).toMatch(problem);
  });
});
