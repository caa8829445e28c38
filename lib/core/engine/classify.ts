import type { FlowRecord, Protocol } from '../flowlog/record';
import * as policyTrace from '../flowlog/policy-trace';
import type { SkipReason } from '../stats';
import type { Direction, RuleKind, RulePeer } from './model';

// Under tsx every module is CommonJS and each read of an imported binding calls a getter; the
// per-record path uses module-local copies taken once at load.
const { isUnprotected } = policyTrace;

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
  /** Also count the staged verdicts of our recommendations in this tier (docs/impact-and-enforce.md). */
  readonly impactTier?: string;
}

export type Classified = { readonly ok: true; readonly observation: Observation } | { readonly ok: false; readonly skip: SkipReason };

/**
 * An observation as plain mutable fields, filled by `classifyInto` without allocating: the hot
 * path of aggregation reads it directly and builds a `RulePeer` only for a rule key it has not
 * seen yet. `classify` turns it into an `Observation`.
 */
export interface ObservationScratch {
  namespace: string;
  direction: Direction;
  kind: RuleKind;
  protocol: Protocol;
  /** Peer name (service, namespace or network set) and namespace (service or namespaced set). */
  peerName: string | undefined;
  peerNamespace: string | undefined;
  /** Global network set. */
  peerGlobal: boolean;
  port: number | null;
  domains: readonly string[];
  example: string | null;
}

export function newObservationScratch(): ObservationScratch {
  return { namespace: '', direction: 'egress', kind: 'Public', protocol: 'TCP', peerName: undefined, peerNamespace: undefined, peerGlobal: false, port: null, domains: NO_DOMAINS, example: null };
}

const NO_DOMAINS: readonly string[] = [];

/** The peer identity of a filled scratch, shaped exactly as `classify` has always returned it. */
export function peerOf(o: ObservationScratch): RulePeer {
  switch (o.kind) {
    case 'NetworkSet':
      return o.peerGlobal ? { name: o.peerName, global: true } : { name: o.peerName, namespace: o.peerNamespace };
    case 'Namespace':
      return { name: o.peerName };
    case 'Service':
      return { name: o.peerName, namespace: o.peerNamespace };
    default:
      return {};
  }
}

/**
 * engine.md §2 (items 1–3 and 5) and §3: decides whether a record counts and what it says. Scope
 * membership and learning state (item 4) depend on stored state and are decided when folding.
 */
export function classify(record: FlowRecord, options: ClassifyOptions): Classified {
  const o = newObservationScratch();
  const reason = classifyInto(record, options, o);
  if (reason !== null) return { ok: false, skip: reason };
  // `domains` is a fresh empty array for every kind but Domains, as it always was.
  const domains = o.kind === 'Domains' ? o.domains : [];
  const observation: Observation = { namespace: o.namespace, direction: o.direction, protocol: o.protocol, port: o.port, kind: o.kind, peer: peerOf(o), domains, example: o.example };
  return { ok: true, observation };
}

/** `classify` into `out`; returns null when the record counts, else why it does not. */
export function classifyInto(record: FlowRecord, options: ClassifyOptions, out: ObservationScratch): SkipReason | null {
  if (record.action !== 'allow') return 'deny';
  let egress: boolean;
  let namespace: string | null;
  if (record.reporter === 'src') {
    if (record.sourceType !== 'wep' || record.sourceNamespace === null) return 'unsupportedPeer';
    egress = true;
    namespace = record.sourceNamespace;
  } else if (record.reporter === 'dst') {
    if (record.destType !== 'wep' || record.destNamespace === null) return 'unsupportedPeer';
    egress = false;
    namespace = record.destNamespace;
  } else {
    return 'otherReporter';
  }
  if (!isUnprotected(record.policies)) return 'protected';
  // A record without end_time cannot be placed in time; it is treated as current.
  if (record.endTime !== null) {
    if (options.since !== undefined && record.endTime < options.since) return 'outOfWindow';
    if (options.until !== undefined && record.endTime >= options.until) return 'outOfWindow';
  }
  const protocol = record.protocol;
  if (protocol === null) return 'unsupportedPeer';

  const peerType = egress ? record.destType : record.sourceType;
  const peerNamespace = egress ? record.destNamespace : record.sourceNamespace;
  const peerAggr = egress ? record.destNameAggr : record.sourceNameAggr;
  out.namespace = namespace;
  out.direction = egress ? 'egress' : 'ingress';
  out.protocol = protocol;
  out.port = record.destPort;
  out.peerName = undefined;
  out.peerNamespace = undefined;
  out.peerGlobal = false;
  out.domains = NO_DOMAINS;
  out.example = null;

  if (peerType === 'ns') {
    if (peerAggr === null || peerAggr === 'pub' || peerAggr === 'pvt' || peerAggr.endsWith('*')) return 'unsupportedPeer';
    out.kind = 'NetworkSet';
    out.peerName = peerAggr;
    if (peerNamespace === null) out.peerGlobal = true;
    else out.peerNamespace = peerNamespace;
    out.example = peerAggr;
    return null;
  }
  if (peerType === 'wep') {
    if (peerNamespace === null) return 'unsupportedPeer';
    out.kind = 'Namespace';
    out.peerName = peerNamespace;
    out.example = peerAggr;
    return null;
  }
  if (peerType === 'net') {
    if (peerAggr === 'pvt') {
      out.kind = 'Private';
      return null;
    }
    if (peerAggr !== 'pub') return 'unsupportedPeer';
    if (egress) {
      const domains = externalDomains(record.destDomains, options.clusterDomain);
      if (domains.length > 0) {
        out.kind = 'Domains';
        out.domains = domains;
        return null;
      }
      if (record.destServiceName !== null && record.destServiceNamespace !== null) {
        out.kind = 'Service';
        out.peerName = record.destServiceName;
        out.peerNamespace = record.destServiceNamespace;
        return null;
      }
    }
    out.kind = 'Public';
    return null;
  }
  return 'unsupportedPeer';
}

let suffixDomain = '';
let suffix = '.svc.';

/** Drops in-cluster service names (`*.svc.<clusterDomain>`), which are not egress domains. */
function externalDomains(domains: readonly string[], clusterDomain: string): readonly string[] {
  if (domains.length === 0) return domains;
  if (clusterDomain !== suffixDomain) {
    suffixDomain = clusterDomain;
    suffix = `.svc.${clusterDomain}`;
  }
  let kept: string[] | undefined;
  for (let i = 0; i < domains.length; i++) {
    const d = domains[i]!;
    if (d.endsWith(suffix)) kept ??= domains.slice(0, i);
    else kept?.push(d);
  }
  return kept ?? domains;
}
