import {
  boardTab,
  renderOptionsFor,
  renderRecommendation,
  rfc3339,
  type BoardTab,
  type NetworkSet,
  type Recommendation,
  type Rule,
  type StagedNetworkPolicy,
} from '../../core/engine';
import { sortRules } from '../../core/engine/order';
import type { Scope } from '../../core/scope';
import type { StoredRecommendation } from '../store';
import type { ImpactView, Readiness } from '../../core/impact';
import type { ImpactOnBoard } from './impact';

export interface RecommendationSummary {
  readonly namespace: string;
  readonly tab: BoardTab;
  readonly stagedAction: Recommendation['stagedAction'];
  readonly status: Recommendation['status'];
  readonly lastUpdated: string;
  /** As rendered, i.e. after domain contraction: what the cluster will actually get. */
  readonly ruleCounts: { egress: number; ingress: number };
  readonly warnings: readonly string[];
  /** Whether the staged policy is ready to enforce, from its observed impact. */
  readonly readiness: Readiness;
}

export interface RuleView {
  readonly kind: Rule['kind'];
  readonly protocol: Rule['protocol'];
  readonly peer: Rule['peer'];
  readonly ports: readonly number[];
  readonly domains?: readonly string[];
  readonly lastUpdated: string;
  readonly evidence: {
    readonly firstSeen: string;
    readonly lastSeen: string;
    readonly records: number;
    readonly flows: number;
    readonly bytesIn: number;
    readonly bytesOut: number;
    readonly examples: readonly string[];
  };
}

export interface RecommendationDetails extends RecommendationSummary {
  readonly version: number;
  readonly publishedVersion: number | null;
  readonly rules: { readonly egress: readonly RuleView[]; readonly ingress: readonly RuleView[] };
  readonly impact: ImpactView;
  readonly manifest: { readonly policy: StagedNetworkPolicy; readonly domainSet?: NetworkSet };
}

export function render(rec: Recommendation, scope: Scope) {
  return renderRecommendation(rec, renderOptionsFor(scope));
}

function summary(rec: Recommendation, ruleCounts: { egress: number; ingress: number }, readiness: Readiness): RecommendationSummary {
  return {
    namespace: rec.namespace,
    tab: boardTab(rec),
    stagedAction: rec.stagedAction,
    status: rec.status,
    lastUpdated: rec.lastUpdated,
    ruleCounts,
    warnings: [...rec.warnings],
    readiness,
  };
}

export function summaryView(rec: Recommendation, scope: Scope, impact: ImpactOnBoard): RecommendationSummary {
  return summary(rec, render(rec, scope).ruleCounts, impact.readiness);
}

function ruleView(r: Rule): RuleView {
  const e = r.evidence;
  return {
    kind: r.kind,
    protocol: r.protocol,
    peer: r.peer,
    ports: r.ports,
    ...(r.kind === 'Domains' ? { domains: r.domains } : {}),
    lastUpdated: r.lastUpdated,
    evidence: {
      firstSeen: rfc3339(e.firstSeen),
      lastSeen: rfc3339(e.lastSeen),
      records: e.records,
      flows: e.flows,
      bytesIn: e.bytesIn,
      bytesOut: e.bytesOut,
      examples: e.examples,
    },
  };
}

export function detailsView(stored: StoredRecommendation, scope: Scope, impact: ImpactOnBoard): RecommendationDetails {
  const rec = stored.value;
  const rendered = render(rec, scope);
  return {
    ...summary(rec, rendered.ruleCounts, impact.readiness),
    version: stored.version,
    publishedVersion: stored.publishedVersion,
    // Same order as the manifest, so a rule and its evidence are easy to match up.
    rules: { egress: sortRules(rec.egress).map(ruleView), ingress: sortRules(rec.ingress).map(ruleView) },
    impact: impact.impact,
    manifest: { policy: rendered.policy, ...(rendered.domainSet ? { domainSet: rendered.domainSet } : {}) },
  };
}
