import type { Cluster, Target } from '../../lib/app/cluster';
import type { StateStore } from '../../lib/app/store';
import { renderOptionsFor, renderRecommendation, type Recommendation, type Rule } from '../../lib/core/engine';
import { resolveScope, type ScopeSpec } from '../../lib/core/scope';
import { clockOf, type Clock } from '../../lib/core/engine';

export const T0 = Date.UTC(2026, 8, 1, 12, 0, 0); // 2026-09-01T12:00:00Z
export const TOKEN = 'test-token-5b7e0c1d9a';

/** A clock the test moves by hand. */
export function manualClock(startMs = T0): Clock & { advance(seconds: number): void } {
  let now = startMs;
  return { ...clockOf(() => now / 1000), advance: (s) => void (now += s * 1000) };
}

const evidence = { firstSeen: 1, lastSeen: 2, records: 1, flows: 1, bytesIn: 0, bytesOut: 0, examples: [] };

export function namespaceRule(peer: string, port: number): Rule {
  return { kind: 'Namespace', protocol: 'TCP', peer: { name: peer }, ports: [port], domains: [], lastUpdated: '2026-09-01T11:00:00Z', evidence };
}

export function domainRule(domain: string, port: number): Rule {
  return { kind: 'Domains', protocol: 'TCP', peer: {}, ports: [port], domains: [domain], lastUpdated: '2026-09-01T11:00:00Z', evidence };
}

export function rec(namespace: string, rules: { egress?: Rule[]; ingress?: Rule[] } = {}, overrides: Partial<Recommendation> = {}): Recommendation {
  return {
    namespace,
    stagedAction: 'Learn',
    enforced: false,
    status: 'Learning',
    lastUpdated: '2026-09-01T11:00:00Z',
    egress: rules.egress ?? [],
    ingress: rules.ingress ?? [namespaceRule('frontend', 80)],
    warnings: [],
    ...overrides,
  };
}

/** Enabled, default tier; `maxRules` small enough that a few domains contract into a NetworkSet. */
export const SCOPE: Partial<ScopeSpec> = {
  maxRules: 2,
  namespaceSpec: { recStatus: 'Enabled', selector: '', intraNamespacePassThroughTraffic: false, tierName: 'namespace-isolation' },
};

export function renderWithScope(r: Recommendation, spec: Partial<ScopeSpec> = SCOPE) {
  return renderRecommendation(r, renderOptionsFor(resolveScope(spec)));
}

export async function registerCluster(store: StateStore, id: string, target: Target, scope: Partial<ScopeSpec> = SCOPE): Promise<Cluster> {
  const cluster: Cluster = { id, flowLogs: { bucket: 'flow-logs', prefix: id }, target, clusterDomain: 'cluster.local', registeredAt: T0 / 1000 - 86_400 };
  await store.putCluster(cluster, null);
  await store.putScope(id, resolveScope(scope).spec, null);
  return cluster;
}

export async function currentCluster(store: StateStore, id: string): Promise<Cluster> {
  return (await store.getCluster(id))!.value;
}

/** What a processing run does when traffic adds nothing new: the evidence grows, the version moves, nothing rendered changes. */
export async function touchEvidence(store: StateStore, cluster: string, namespace: string): Promise<number> {
  const stored = (await store.getRecommendation(cluster, namespace))!;
  const grow = (r: Rule): Rule => ({ ...r, evidence: { ...r.evidence, records: r.evidence.records + 1, lastSeen: r.evidence.lastSeen + 60 } });
  const next = { ...stored.value, egress: stored.value.egress.map(grow), ingress: stored.value.ingress.map(grow) };
  return store.putRecommendation(cluster, next, stored);
}

/** A staged policy as Calico Enterprise's own recommender writes it: Calico's labels, not ours. */
export function calicoRecommenderPolicy(namespace: string, tier = 'namespace-isolation') {
  return {
    apiVersion: 'projectcalico.org/v3',
    kind: 'StagedNetworkPolicy',
    metadata: {
      name: `${tier}.${namespace}-recommendation`,
      namespace,
      labels: { 'policyrecommendation.tigera.io/scope': 'namespace', 'projectcalico.org/spec.stagedAction': 'Learn', 'projectcalico.org/tier': tier },
    },
    spec: { tier, stagedAction: 'Learn', selector: `projectcalico.org/namespace == '${namespace}'`, types: ['Ingress'], ingress: [{ action: 'Allow', protocol: 'TCP' }] },
  };
}

export function calicoRecommenderDomainSet(namespace: string) {
  return {
    apiVersion: 'projectcalico.org/v3',
    kind: 'NetworkSet',
    metadata: { name: `${namespace}-egress-domains`, namespace, labels: { 'policyrecommendation.tigera.io/scope': 'Domains' } },
    spec: { allowedEgressDomains: ['calico.example.com'] },
  };
}
