/* eslint-disable @typescript-eslint/only-throw-error -- a Rejection is thrown on purpose: see its comment */
import { isAggregatedName, isDns1123Label, isNoneMarker, normalizeDomain } from './names';
import { DROPPED } from './dropped-fields';
import { parsePolicyHit } from './policy-hit';
import { parseProtocol } from './protocol';
import type { EndpointType, FlowAction, FlowRecord, PolicyHit, PolicyTrace, Protocol, RejectReason, Reporter } from './record';

export interface ParseAccepted {
  readonly ok: true;
  readonly record: FlowRecord;
}

export interface ParseRejected {
  readonly ok: false;
  readonly reason: RejectReason;
  /** The offending JSON field (`policies.all_policies` for nested ones). */
  readonly field?: string;
}

export type ParseResult = ParseAccepted | ParseRejected;

/** More entries than Calico ever writes (it keeps up to 5); a bound against hostile input. */
export const MAX_DEST_DOMAINS = 64;

/**
 * Thrown by the field readers and caught in `parseRecord`, which returns it as the result. Not an
 * Error: no stack is captured, and it never leaves this module.
 */
class Rejection implements ParseRejected {
  readonly ok = false as const;
  constructor(
    readonly reason: RejectReason,
    readonly field?: string,
  ) {}
}

const NO_DOMAINS: readonly string[] = Object.freeze([]);

/** A well-typed value that fails its name check: dropped by `parseRecord`, not rejected. */
const INVALID: unique symbol = Symbol('invalid');
type Checked<T> = T | typeof INVALID;
const NO_HITS: readonly PolicyHit[] = Object.freeze([]);

function uint(v: unknown, field: string): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  throw new Rejection('wrongType', field);
}

function counter(v: unknown, field: string, missing: number): number {
  return uint(v, field) ?? missing;
}

function str(v: unknown, field: string): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  throw new Rejection('wrongType', field);
}

function action(v: unknown): FlowAction | null {
  const s = str(v, 'action');
  if (s === null || s === 'allow' || s === 'deny') return s;
  throw new Rejection('unknownEnum', 'action');
}

function reporter(v: unknown): Reporter | null {
  const s = str(v, 'reporter');
  switch (s) {
    case null:
    case 'src':
    case 'dst':
    case 'fwd':
    case 'src,fwd':
    case 'dst,fwd':
      return s;
  }
  throw new Rejection('unknownEnum', 'reporter');
}

function endpointType(v: unknown, field: string): EndpointType | null {
  const s = str(v, field);
  switch (s) {
    case null:
    case 'wep':
    case 'hep':
    case 'ns':
    case 'net':
      return s;
  }
  throw new Rejection('unknownEnum', field);
}

/** Namespaces and service names: `-`/empty → null, otherwise a DNS-1123 label. */
function label(v: unknown, field: string): Checked<string | null> {
  const s = str(v, field);
  if (s === null || isNoneMarker(s)) return null;
  return isDns1123Label(s) ? s : INVALID;
}

function aggregatedName(v: unknown, field: string): Checked<string | null> {
  const s = str(v, field);
  if (s === null || isNoneMarker(s)) return null;
  return isAggregatedName(s) ? s : INVALID;
}

function port(v: unknown): number | null {
  const n = uint(v, 'dest_port');
  if (n === null || n <= 65535) return n;
  throw new Rejection('wrongType', 'dest_port');
}

/**
 * Port 0 is never a destination Calico can allow: refused on a port protocol, where the engine
 * learns the port, and dropped on any other, where it never reads it.
 */
function nonZeroPort(n: number | null, p: Protocol | null): Checked<number | null> {
  if (n !== 0) return n;
  if (p === 'TCP' || p === 'UDP' || p === 'SCTP') throw new Rejection('portZero', 'dest_port');
  return INVALID;
}

function protocol(v: unknown): Protocol | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' && typeof v !== 'number') throw new Rejection('wrongType', 'proto');
  const p = parseProtocol(v);
  if (p === undefined) throw new Rejection('unknownEnum', 'proto');
  if (p === '0') throw new Rejection('protocolZero', 'proto');
  return p;
}

/** Wrong types reject the record; one entry that is not a DNS name makes the whole list invalid. */
function domains(v: unknown): Checked<readonly string[]> {
  if (v === undefined || v === null) return NO_DOMAINS;
  if (!Array.isArray(v) || v.length > MAX_DEST_DOMAINS) throw new Rejection('wrongType', 'dest_domains');
  if (v.length === 0) return NO_DOMAINS;
  const out: string[] = [];
  let valid = true;
  for (const item of v as unknown[]) {
    if (typeof item !== 'string') throw new Rejection('wrongType', 'dest_domains');
    const d = normalizeDomain(item);
    if (d === undefined) valid = false;
    else if (!out.includes(d)) out.push(d);
  }
  return valid ? out : INVALID;
}

/**
 * The same few hit strings repeat across millions of records; parsing each once saves the
 * slicing. Cached hits are frozen, since records share them. Bounded: cleared when full.
 */
const HIT_CACHE_SIZE = 4096;
const hitCache = new Map<string, PolicyHit | null>();

function cachedPolicyHit(s: string): PolicyHit | undefined {
  const known = hitCache.get(s);
  if (known !== undefined) return known ?? undefined;
  const hit = parsePolicyHit(s);
  if (hitCache.size >= HIT_CACHE_SIZE) hitCache.clear();
  hitCache.set(s, hit === undefined ? null : Object.freeze(hit));
  return hit;
}

function hits(v: unknown, field: string): readonly PolicyHit[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw new Rejection('wrongType', field);
  if (v.length === 0) return NO_HITS;
  const out: PolicyHit[] = new Array<PolicyHit>(v.length);
  for (let i = 0; i < v.length; i++) {
    const item: unknown = v[i];
    const hit = typeof item === 'string' ? cachedPolicyHit(item) : undefined;
    if (hit === undefined) throw new Rejection('badPolicyTrace', field);
    out[i] = hit;
  }
  return out;
}

/**
 * `all_policies` / `enforced_policies` / `pending_policies`; `transit_policies` and unknown keys
 * are ignored. When none of the three is present the record carries no policy information (null).
 * Present-but-empty arrays are kept: that is a trace with no hits (unprotected all the same).
 */
function policies(v: unknown): PolicyTrace | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v)) throw new Rejection('wrongType', 'policies');
  const p = v as Record<string, unknown>;
  const all = hits(p.all_policies, 'policies.all_policies');
  const enforced = hits(p.enforced_policies, 'policies.enforced_policies');
  const pending = hits(p.pending_policies, 'policies.pending_policies');
  if (all === undefined && enforced === undefined && pending === undefined) return null;
  // Only the lists the record has: "absent" and "present but empty" mean different things.
  const trace: { all?: readonly PolicyHit[]; enforced?: readonly PolicyHit[]; pending?: readonly PolicyHit[] } = {};
  if (all !== undefined) trace.all = all;
  if (enforced !== undefined) trace.enforced = enforced;
  if (pending !== undefined) trace.pending = pending;
  return trace;
}

/** Marks of the record being parsed (`parseRecord` is synchronous and not reentrant). */
let dropped = 0;

function keep<T>(value: Checked<T>, bit: number, none: T): T {
  if (value !== INVALID) return value;
  dropped |= bit;
  return none;
}

/**
 * Converts one decoded JSON object into a `FlowRecord`. Every field is optional and nullable:
 * missing strings become null, `dest_domains` [], byte counters 0. A missing `num_flows` counts
 * as 1: the record itself is evidence of at least one flow. Fields the engine does not use
 * (`@timestamp`, `host`, IPs, labels, process and TCP stats, …) are not read at all, so they can
 * never cause a rejection. Names, domains and a port that fail their checks are dropped and
 * marked (see dropped-fields.ts); wrong types and unknown enums reject the record.
 */
export function parseRecord(obj: unknown): ParseResult {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return new Rejection('wrongType');
  const o = obj as Record<string, unknown>;
  dropped = 0;
  try {
    const startTime = uint(o.start_time, 'start_time');
    const endTime = uint(o.end_time, 'end_time');
    const act = action(o.action);
    const rep = reporter(o.reporter);
    const sourceType = endpointType(o.source_type, 'source_type');
    const sourceNamespace = keep(label(o.source_namespace, 'source_namespace'), DROPPED.source_namespace, null);
    const sourceNameAggr = keep(aggregatedName(o.source_name_aggr, 'source_name_aggr'), DROPPED.source_name_aggr, null);
    const destType = endpointType(o.dest_type, 'dest_type');
    const destNamespace = keep(label(o.dest_namespace, 'dest_namespace'), DROPPED.dest_namespace, null);
    const destNameAggr = keep(aggregatedName(o.dest_name_aggr, 'dest_name_aggr'), DROPPED.dest_name_aggr, null);
    // Read in the field order (it decides which rejection a record with several faults gets),
    // but port 0 is judged after the protocol it goes with.
    const rawPort = port(o.dest_port);
    const proto = protocol(o.proto);
    const destPort = keep(nonZeroPort(rawPort, proto), DROPPED.dest_port, null);
    const record: FlowRecord = {
      startTime,
      endTime,
      action: act,
      reporter: rep,
      sourceType,
      sourceNamespace,
      sourceNameAggr,
      destType,
      destNamespace,
      destNameAggr,
      destPort,
      protocol: proto,
      destServiceName: keep(label(o.dest_service_name, 'dest_service_name'), DROPPED.dest_service_name, null),
      destServiceNamespace: keep(label(o.dest_service_namespace, 'dest_service_namespace'), DROPPED.dest_service_namespace, null),
      destDomains: keep(domains(o.dest_domains), DROPPED.dest_domains, NO_DOMAINS),
      policies: policies(o.policies),
      numFlows: counter(o.num_flows, 'num_flows', 1),
      bytesIn: counter(o.bytes_in, 'bytes_in', 0),
      bytesOut: counter(o.bytes_out, 'bytes_out', 0),
      dropped,
    };
    return { ok: true, record };
  } catch (err) {
    if (err instanceof Rejection) return err;
    throw err;
  }
}
