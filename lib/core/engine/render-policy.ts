import { equalsSelectorText } from '../selector';
import { base32HexSha256 } from '../names';
import type { Protocol } from '../flowlog/record';
import { A_LAST_UPDATED, A_STATUS, L_MANAGED_BY, L_SCOPE, L_STAGED_ACTION, L_TIER, MANAGED_BY, NAMESPACE_LABEL } from './annotations';
import type { CalicoRule, NetworkSet, StagedNetworkPolicy, Tier } from './manifest-types';
import type { Recommendation, Rule } from './model';
import { asSortable, compareSortable, sortRules, type Sortable } from './order';
import { renderDomainSetRule, renderRule } from './render-rule';

export interface RenderOptions {
  readonly tier: string;
  readonly maxRules: number;
  readonly intraNamespacePass: boolean;
}

export interface RenderedRecommendation {
  readonly policy: StagedNetworkPolicy;
  /** `<ns>-egress-domains`, present only when Domains rules were contracted. */
  readonly domainSet?: NetworkSet;
  /** A direction still has more than maxRules rules after contraction. */
  readonly exceedsMaxRules: boolean;
  /**
   * Learned rules per direction (after contraction). A rule with more than 50 ports renders as
   * several Calico rules but counts once, here and against maxRules: the split is Calico's limit,
   * not more traffic.
   */
  readonly ruleCounts: { egress: number; ingress: number };
}

export const TIER_ORDER = 10000;

const MAX_POLICY_NAME = 63;
const NAME_HASH_LENGTH = 10;

/**
 * `<tier>.<ns>-recommendation`. When longer than 63 characters only the part after `<tier>.` is
 * shortened, to a head and a stable hash of the full name: Calico (3.30, 3.31) refuses a policy
 * name without its tier prefix. A tier so long that no head fits leaves `<tier>.<hash>`, up to 74
 * characters (Calico allows 253).
 */
export function policyName(tier: string, namespace: string): string {
  const rest = `${namespace}-recommendation`;
  const full = `${tier}.${rest}`;
  if (full.length <= MAX_POLICY_NAME) return full;
  const hash = base32HexSha256(full, NAME_HASH_LENGTH);
  const room = MAX_POLICY_NAME - tier.length - 1 - NAME_HASH_LENGTH - 1;
  const head = room > 0 ? rest.slice(0, room).replace(/-+$/, '') : '';
  return head.length > 0 ? `${tier}.${head}-${hash}` : `${tier}.${hash}`;
}

export function domainSetName(namespace: string): string {
  return `${namespace}-egress-domains`;
}

export function renderTier(tier: string): Tier {
  return { apiVersion: 'projectcalico.org/v3', kind: 'Tier', metadata: { name: tier }, spec: { order: TIER_ORDER } };
}

interface Ordered {
  readonly sortable: Sortable;
  /** One learned rule as rendered: several Calico rules when its ports exceed one rule's limit. */
  readonly rules: CalicoRule[];
}

/** Replaces all Domains rules by one DomainSet rule per protocol and the domain NetworkSet. */
function contractDomains(namespace: string, egress: readonly Rule[]): { rules: Ordered[]; domainSet: NetworkSet } {
  const byProtocol = new Map<Protocol, { ports: Set<number>; lastUpdated: string }>();
  const domains = new Set<string>();
  for (const r of egress) {
    if (r.kind !== 'Domains') continue;
    r.domains.forEach((d) => domains.add(d));
    const entry = byProtocol.get(r.protocol) ?? { ports: new Set<number>(), lastUpdated: r.lastUpdated };
    r.ports.forEach((p) => entry.ports.add(p));
    if (r.lastUpdated > entry.lastUpdated) entry.lastUpdated = r.lastUpdated;
    byProtocol.set(r.protocol, entry);
  }
  const rules = [...byProtocol].map(([protocol, { ports, lastUpdated }]) => {
    const sortedPorts = [...ports].sort((a, b) => a - b);
    return {
      sortable: { kind: 'DomainSet' as const, protocol, ports: sortedPorts, peerName: '' },
      rules: renderDomainSetRule(protocol, sortedPorts, lastUpdated),
    };
  });
  const domainSet: NetworkSet = {
    apiVersion: 'projectcalico.org/v3',
    kind: 'NetworkSet',
    metadata: { name: domainSetName(namespace), namespace, labels: { [L_MANAGED_BY]: MANAGED_BY, [L_SCOPE]: 'Domains' } },
    spec: { allowedEgressDomains: [...domains].sort() },
  };
  return { rules, domainSet };
}

/** The recommendation as Calico resources (docs/engine.md). Pure and byte-deterministic. */
export function renderRecommendation(rec: Recommendation, options: RenderOptions): RenderedRecommendation {
  const ns = rec.namespace;
  const ctx = { namespace: ns, intraNamespacePass: options.intraNamespacePass };
  let egress: Ordered[] = sortRules(rec.egress).map((r) => ({ sortable: asSortable(r), rules: renderRule(r, { ...ctx, direction: 'egress' }) }));
  const ingress = sortRules(rec.ingress).map((r) => renderRule(r, { ...ctx, direction: 'ingress' }));
  let domainSet: NetworkSet | undefined;
  if (egress.length > options.maxRules && rec.egress.some((r) => r.kind === 'Domains')) {
    const contracted = contractDomains(ns, rec.egress);
    egress = [...egress.filter((o) => o.sortable.kind !== 'Domains'), ...contracted.rules];
    egress.sort((a, b) => compareSortable(a.sortable, b.sortable));
    domainSet = contracted.domainSet;
  }
  const types: ('Egress' | 'Ingress')[] = [];
  if (egress.length > 0) types.push('Egress');
  if (ingress.length > 0) types.push('Ingress');
  const spec: StagedNetworkPolicy['spec'] = {
    tier: options.tier,
    stagedAction: rec.stagedAction,
    selector: equalsSelectorText(NAMESPACE_LABEL, ns, "'"),
    types,
  };
  if (egress.length > 0) spec.egress = egress.flatMap((o) => o.rules);
  if (ingress.length > 0) spec.ingress = ingress.flat();
  const policy: StagedNetworkPolicy = {
    apiVersion: 'projectcalico.org/v3',
    kind: 'StagedNetworkPolicy',
    metadata: {
      name: policyName(options.tier, ns),
      namespace: ns,
      labels: { [L_MANAGED_BY]: MANAGED_BY, [L_SCOPE]: 'namespace', [L_STAGED_ACTION]: rec.stagedAction, [L_TIER]: options.tier },
      annotations: { [A_LAST_UPDATED]: rec.lastUpdated, [A_STATUS]: rec.status },
    },
    spec,
  };
  const exceedsMaxRules = egress.length > options.maxRules || ingress.length > options.maxRules;
  return { policy, domainSet, exceedsMaxRules, ruleCounts: { egress: egress.length, ingress: ingress.length } };
}
