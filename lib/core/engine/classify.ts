import { DROPPED, type DroppableField } from '../flowlog/dropped-fields';
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

/**
 * The record needs a field the reader dropped as invalid (docs/flow-logs-validity.md): rejected,
 * with the reason the reader gives an invalid name it cannot drop.
 */
export interface NeedsDropped {
  readonly reject: 'invalidName';
  readonly field: DroppableField;
}

export type Classified =
  | { readonly ok: true; readonly observation: Observation }
  | { readonly ok: false; readonly skip: SkipReason }
  | { readonly ok: false; readonly reject: 'invalidName'; readonly field: DroppableField };

/** One frozen verdict per field: the rejection path allocates nothing either. */
const NEEDS = Object.fromEntries(Object.keys(DROPPED).map((f) => [f, Object.freeze({ reject: 'invalidName', field: f })])) as Record<DroppableField, NeedsDropped>;

/** The first of the fields read here that the record had dropped, if any (fixed arity: no array per record). */
function neededDropped(record: FlowRecord, first: DroppableField, second?: DroppableField): NeedsDropped | null {
  const dropped = record.dropped;
  if (dropped === 0) return null;
  if ((dropped & DROPPED[first]) !== 0) return NEEDS[first];
  return second !== undefined && (dropped & DROPPED[second]) !== 0 ? NEEDS[second] : null;
}

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
  return {
    namespace: '',
    direction: 'egress',
    kind: 'Public',
    protocol: 'TCP',
    peerName: undefined,
    peerNamespace: undefined,
    peerGlobal: false,
    port: null,
    domains: NO_DOMAINS,
    example: null,
  };
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
 * docs/engine.md: decides whether a record counts and what it says. Scope
 * membership and learning state (item 4) depend on stored state and are decided when folding.
 */
export function classify(record: FlowRecord, options: ClassifyOptions): Classified {
  const o = newObservationScratch();
  const reason = classifyInto(record, options, o);
  if (typeof reason === 'string') return { ok: false, skip: reason };
  if (reason !== null) return { ok: false, reject: reason.reject, field: reason.field };
  // `domains` is a fresh empty array for every kind but Domains, as it always was.
  const domains = o.kind === 'Domains' ? o.domains : [];
  const observation: Observation = {
    namespace: o.namespace,
    direction: o.direction,
    protocol: o.protocol,
    port: o.port,
    kind: o.kind,
    peer: peerOf(o),
    domains,
    example: o.example,
  };
  return { ok: true, observation };
}

/**
 * `classify` into `out`; returns null when the record counts, else why it does not. Each field
 * the decision reads is checked against the reader's dropped marks where it is read: a record is
 * rejected only for a field it needs.
 */
export function classifyInto(record: FlowRecord, options: ClassifyOptions, out: ObservationScratch): SkipReason | NeedsDropped | null {
  if (record.action !== 'allow') return 'deny';
  let egress: boolean;
  let namespace: string | null;
  if (record.reporter === 'src') {
    if (record.sourceType !== 'wep') return 'unsupportedPeer';
    if (record.sourceNamespace === null) return neededDropped(record, 'source_namespace') ?? 'unsupportedPeer';
    egress = true;
    namespace = record.sourceNamespace;
  } else if (record.reporter === 'dst') {
    if (record.destType !== 'wep') return 'unsupportedPeer';
    if (record.destNamespace === null) return neededDropped(record, 'dest_namespace') ?? 'unsupportedPeer';
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
  const peerNamespaceField: DroppableField = egress ? 'dest_namespace' : 'source_namespace';
  const peerAggrField: DroppableField = egress ? 'dest_name_aggr' : 'source_name_aggr';
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
    // A dropped namespace would otherwise read as a global set.
    const needed = neededDropped(record, peerNamespaceField, peerAggrField);
    if (needed !== null) return needed;
    if (peerAggr === null || peerAggr === 'pub' || peerAggr === 'pvt' || peerAggr.endsWith('*')) return 'unsupportedPeer';
    out.kind = 'NetworkSet';
    out.peerName = peerAggr;
    if (peerNamespace === null) out.peerGlobal = true;
    else out.peerNamespace = peerNamespace;
    out.example = peerAggr;
    return null;
  }
  if (peerType === 'wep') {
    // The pod name is evidence only: a dropped one leaves the rule without that example.
    if (peerNamespace === null) return neededDropped(record, peerNamespaceField) ?? 'unsupportedPeer';
    out.kind = 'Namespace';
    out.peerName = peerNamespace;
    out.example = peerAggr;
    return null;
  }
  if (peerType === 'net') {
    const needed = neededDropped(record, peerAggrField);
    if (needed !== null) return needed;
    if (peerAggr === 'pvt') {
      out.kind = 'Private';
      return null;
    }
    if (peerAggr !== 'pub') return 'unsupportedPeer';
    if (egress) {
      const neededDomains = neededDropped(record, 'dest_domains');
      if (neededDomains !== null) return neededDomains;
      const domains = externalDomains(record.destDomains, options.clusterDomain);
      if (domains.length > 0) {
        out.kind = 'Domains';
        out.domains = domains;
        return null;
      }
      const neededService = neededDropped(record, 'dest_service_name', 'dest_service_namespace');
      if (neededService !== null) return neededService;
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
