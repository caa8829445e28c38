import type { FlowRecord, Protocol } from '../flowlog/record';
import { isUnprotected } from '../flowlog/policy-trace';
import type { SkipReason } from '../stats';
import type { Direction, RuleKind, RulePeer } from './model';

/** What one record contributes: one rule observation for one namespace and direction. */
export interface Observation {
  readonly namespace: string;
  readonly direction: Direction;
  readonly kind: RuleKind;
  readonly protocol: Protocol;
  readonly peer: RulePeer;
  readonly port: number | null;
  readonly domains: readonly string[];
  /** Peer workload or set name for evidence (never rendered). */
  readonly example: string | null;
}

export interface ClassifyOptions {
  readonly clusterDomain: string;
  /** Records whose end_time is outside [since, until) are history (Unix seconds, inclusive/exclusive). */
  readonly since?: number;
  readonly until?: number;
}

export type Classified = { readonly ok: true; readonly observation: Observation } | { readonly ok: false; readonly skip: SkipReason };

const skip = (reason: SkipReason): Classified => ({ ok: false, skip: reason });

/**
 * engine.md §2 (items 1–3 and 5) and §3: decides whether a record counts and what it says. Scope
 * membership and learning state (item 4) depend on stored state and are decided when folding.
 */
export function classify(record: FlowRecord, options: ClassifyOptions): Classified {
  if (record.action !== 'allow') return skip('deny');
  let direction: Direction;
  let namespace: string | null;
  if (record.reporter === 'src') {
    if (record.sourceType !== 'wep' || record.sourceNamespace === null) return skip('unsupportedPeer');
    direction = 'egress';
    namespace = record.sourceNamespace;
  } else if (record.reporter === 'dst') {
    if (record.destType !== 'wep' || record.destNamespace === null) return skip('unsupportedPeer');
    direction = 'ingress';
    namespace = record.destNamespace;
  } else {
    return skip('otherReporter');
  }
  if (!isUnprotected(record.policies)) return skip('protected');
  // A record without end_time cannot be placed in time; it is treated as current.
  if (record.endTime !== null) {
    if (options.since !== undefined && record.endTime < options.since) return skip('outOfWindow');
    if (options.until !== undefined && record.endTime >= options.until) return skip('outOfWindow');
  }
  const protocol = record.protocol;
  if (protocol === null) return skip('unsupportedPeer');

  const egress = direction === 'egress';
  const peerType = egress ? record.destType : record.sourceType;
  const peerNamespace = egress ? record.destNamespace : record.sourceNamespace;
  const peerAggr = egress ? record.destNameAggr : record.sourceNameAggr;
  const base = { namespace, direction, protocol, port: record.destPort };

  if (peerType === 'ns') {
    if (peerAggr === null || peerAggr === 'pub' || peerAggr === 'pvt' || peerAggr.endsWith('*')) return skip('unsupportedPeer');
    const peer: RulePeer = peerNamespace === null ? { name: peerAggr, global: true } : { name: peerAggr, namespace: peerNamespace };
    return ok({ ...base, kind: 'NetworkSet', peer, domains: [], example: peerAggr });
  }
  if (peerType === 'wep') {
    if (peerNamespace === null) return skip('unsupportedPeer');
    return ok({ ...base, kind: 'Namespace', peer: { name: peerNamespace }, domains: [], example: peerAggr });
  }
  if (peerType === 'net') {
    if (peerAggr === 'pvt') return ok({ ...base, kind: 'Private', peer: {}, domains: [], example: null });
    if (peerAggr !== 'pub') return skip('unsupportedPeer');
    if (egress) {
      const domains = externalDomains(record.destDomains, options.clusterDomain);
      if (domains.length > 0) return ok({ ...base, kind: 'Domains', peer: {}, domains, example: null });
      if (record.destServiceName !== null && record.destServiceNamespace !== null) {
        const peer = { name: record.destServiceName, namespace: record.destServiceNamespace };
        return ok({ ...base, kind: 'Service', peer, domains: [], example: null });
      }
    }
    return ok({ ...base, kind: 'Public', peer: {}, domains: [], example: null });
  }
  return skip('unsupportedPeer');
}

function ok(observation: Observation): Classified {
  return { ok: true, observation };
}

/** Drops in-cluster service names (`*.svc.<clusterDomain>`), which are not egress domains. */
function externalDomains(domains: readonly string[], clusterDomain: string): readonly string[] {
  if (domains.length === 0) return domains;
  const suffix = `.svc.${clusterDomain}`;
  let kept: string[] | undefined;
  for (let i = 0; i < domains.length; i++) {
    const d = domains[i]!;
    if (d.endsWith(suffix)) kept ??= domains.slice(0, i);
    else kept?.push(d);
  }
  return kept ?? domains;
}
