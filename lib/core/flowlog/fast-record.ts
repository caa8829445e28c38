import { DROPPED } from './dropped-fields';
import { InternedCache } from './interned-cache';
import * as jsonScan from './json-scan';
import { parseRecord } from './parse-record';
import * as protocols from './protocol';
import type { FlowRecord, PolicyTrace } from './record';
import type { InternGroup, WasmScanner } from './wasm-scanner';

// Under tsx every module is CommonJS and each read of an imported binding calls a getter; the
// per-record path uses module-local copies taken once at load.
const { V_ARRAY, V_NULL, V_NUMBER, V_OBJECT, V_STRING } = jsonScan;
const { protocolFromNumber } = protocols;

/**
 * The common case of the reader without an intermediate object: a scanned payload whose 19 fields
 * all have their usual shapes and valid values becomes a `FlowRecord` directly. Every field value
 * comes from `parseRecord` itself — run once per distinct byte sequence and cached by the
 * scanner's intern id (see InternedCache) — or from the same integer rules, so the record is the
 * one `parseRecord` would build. Anything else (a rejection, an escaped string, a fractional number…) returns null and the
 * caller takes the general path, which alone decides rejection reasons and their order.
 *
 * Field indexes follow FIELDS in scan-record.ts.
 */

/** Cached verdict of a field that `parseRecord` refuses. */
const REJECT: unique symbol = Symbol('reject');
/** Cached verdict of a field that `parseRecord` drops and marks (see dropped-fields.ts). */
const DROP: unique symbol = Symbol('drop');
type Verdict<T> = T | typeof REJECT | typeof DROP;

function utf8(b: Buffer, start: number, end: number): string {
  return b.toString('utf8', start, end);
}

/** The value `parseRecord` gives field `key` of `{ [key]: value }`, or REJECT, or DROP. */
function fieldOf<K extends keyof FlowRecord>(jsonKey: string, recordKey: K, value: unknown): Verdict<FlowRecord[K]> {
  const r = parseRecord({ [jsonKey]: value });
  if (!r.ok) return REJECT;
  return r.record.dropped !== 0 ? DROP : r.record[recordKey];
}

/**
 * Values the engine compares with literals. A decoded string is a new string, which V8 compares
 * with a literal character by character; the literal itself (interned) compares by identity.
 */
const LITERALS = new Map<string, string>(['allow', 'deny', 'src', 'dst', 'fwd', 'src,fwd', 'dst,fwd', 'wep', 'hep', 'ns', 'net', 'pub', 'pvt'].map((v) => [v, v]));

function literal<T>(value: T): T {
  return typeof value === 'string' ? ((LITERALS.get(value) as T | undefined) ?? value) : value;
}

/** A cache of a string field's validated value, computed from the string's content bytes (no escapes). */
function stringField<K extends keyof FlowRecord>(group: InternGroup, jsonKey: string, recordKey: K): InternedCache<Verdict<FlowRecord[K]>> {
  return new InternedCache(2 ** group.bits, (b, start, end) => literal(fieldOf(jsonKey, recordKey, utf8(b, start + 1, end - 1))));
}

/** Deep-frozen: one cached trace or domain list is shared by many records. */
function frozenTrace(t: PolicyTrace | null): PolicyTrace | null {
  if (t === null) return null;
  if (t.all) Object.freeze(t.all);
  if (t.enforced) Object.freeze(t.enforced);
  if (t.pending) Object.freeze(t.pending);
  return Object.freeze(t);
}

/**
 * The scanner's intern groups: one per cache below, sized for the values' cardinality (enums, a
 * few thousand namespaces and names, ~10^4 distinct policy traces on a busy cluster).
 */
export const INTERN_GROUPS = {
  actions: { bits: 6, keys: ['action'] },
  reporters: { bits: 6, keys: ['reporter'] },
  types: { bits: 6, keys: ['source_type', 'dest_type'] },
  labels: { bits: 13, keys: ['source_namespace', 'dest_namespace', 'dest_service_name', 'dest_service_namespace'] },
  names: { bits: 14, keys: ['source_name_aggr', 'dest_name_aggr'] },
  protocols: { bits: 6, keys: ['proto'] },
  domains: { bits: 11, keys: ['dest_domains'] },
  policies: { bits: 15, keys: ['policies'] },
} as const satisfies Record<string, InternGroup>;

const NO_VALUE = -2;
const SLOW = -1;

export class FastRecordBuilder {
  private readonly actions: InternedCache<Verdict<FlowRecord['action']>>;
  private readonly reporters: InternedCache<Verdict<FlowRecord['reporter']>>;
  private readonly types: InternedCache<Verdict<FlowRecord['sourceType']>>;
  private readonly labels: InternedCache<Verdict<string | null>>;
  private readonly names: InternedCache<Verdict<string | null>>;
  private readonly protocols: InternedCache<Verdict<FlowRecord['protocol']>>;
  /** Whole `dest_domains` arrays and `policies` objects, parsed once. */
  private readonly domains: InternedCache<Verdict<readonly string[]>>;
  private readonly policies: InternedCache<Verdict<PolicyTrace | null>>;
  private readonly caches: InternedCache<unknown>[];
  private epoch = -1;

  /**
   * `decodePolicies(b, start, end)` turns a validated `policies` object into the plain value
   * `JSON.parse` would give as far as `parseRecord` looks (or `slow` when it cannot): the reader's
   * own cheaper decoder, since distinct traces are many and misses frequent.
   */
  constructor(
    private readonly s: WasmScanner,
    decodePolicies: (b: Buffer, start: number, end: number) => unknown,
    slow: unknown,
  ) {
    const g = INTERN_GROUPS;
    this.actions = stringField(g.actions, 'action', 'action');
    this.reporters = stringField(g.reporters, 'reporter', 'reporter');
    this.types = stringField(g.types, 'source_type', 'sourceType');
    this.labels = stringField(g.labels, 'source_namespace', 'sourceNamespace');
    this.names = stringField(g.names, 'source_name_aggr', 'sourceNameAggr');
    this.protocols = stringField(g.protocols, 'proto', 'protocol');
    this.domains = new InternedCache(2 ** g.domains.bits, (b, start, end) => {
      const v = fieldOf('dest_domains', 'destDomains', JSON.parse(utf8(b, start, end)));
      return v === REJECT || v === DROP ? v : Object.freeze(v);
    });
    this.policies = new InternedCache(2 ** g.policies.bits, (b, start, end) => {
      const decoded = decodePolicies(b, start, end);
      const v = decoded === slow ? REJECT : fieldOf('policies', 'policies', decoded);
      return v === REJECT || v === DROP ? REJECT : frozenTrace(v);
    });
    this.caches = [this.actions, this.reporters, this.types, this.labels, this.names, this.protocols, this.domains, this.policies];
  }

  /** The record for the payload just scanned, or null when the general path must decide. */
  build(b: Buffer): FlowRecord | null {
    const epoch = this.s.epoch();
    if (epoch !== this.epoch) {
      for (const cache of this.caches) cache.clear();
      this.epoch = epoch;
    }
    const startTime = this.uint(0);
    const endTime = this.uint(1);
    const action = this.str(b, 2, this.actions);
    const reporter = this.str(b, 3, this.reporters);
    const sourceType = this.str(b, 4, this.types);
    const sourceNamespace = this.str(b, 5, this.labels);
    const sourceNameAggr = this.str(b, 6, this.names);
    const destType = this.str(b, 7, this.types);
    const destNamespace = this.str(b, 8, this.labels);
    const destNameAggr = this.str(b, 9, this.names);
    const destPort = this.uint(10);
    const protocol = this.protocol(b);
    const destServiceName = this.str(b, 12, this.labels);
    const destServiceNamespace = this.str(b, 13, this.labels);
    const destDomains = this.container(b, 14, V_ARRAY, this.domains);
    const policies = this.container(b, 15, V_OBJECT, this.policies);
    const numFlows = this.uint(16);
    const bytesIn = this.uint(17);
    const bytesOut = this.uint(18);
    if (
      startTime === SLOW ||
      endTime === SLOW ||
      action === REJECT ||
      reporter === REJECT ||
      sourceType === REJECT ||
      sourceNamespace === REJECT ||
      sourceNameAggr === REJECT ||
      destType === REJECT ||
      destNamespace === REJECT ||
      destNameAggr === REJECT ||
      destPort === SLOW ||
      destPort > 65535 ||
      destPort === 0 ||
      protocol === REJECT ||
      destServiceName === REJECT ||
      destServiceNamespace === REJECT ||
      destDomains === REJECT ||
      policies === REJECT ||
      numFlows === SLOW ||
      bytesIn === SLOW ||
      bytesOut === SLOW ||
      // Enums, protocols and traces are never dropped (parseRecord rejects them instead); the
      // checks only narrow the shared verdict type.
      action === DROP ||
      reporter === DROP ||
      sourceType === DROP ||
      destType === DROP ||
      protocol === DROP ||
      policies === DROP
    ) {
      return null;
    }
    // Dropped names and domains (rare) are marked exactly as parseRecord marks them.
    let dropped = 0;
    if (sourceNamespace === DROP) dropped |= DROPPED.source_namespace;
    if (sourceNameAggr === DROP) dropped |= DROPPED.source_name_aggr;
    if (destNamespace === DROP) dropped |= DROPPED.dest_namespace;
    if (destNameAggr === DROP) dropped |= DROPPED.dest_name_aggr;
    if (destServiceName === DROP) dropped |= DROPPED.dest_service_name;
    if (destServiceNamespace === DROP) dropped |= DROPPED.dest_service_namespace;
    if (destDomains === DROP) dropped |= DROPPED.dest_domains;
    // Same property order as parseRecord's literal: records share one hidden class.
    return {
      startTime: startTime === NO_VALUE ? null : startTime,
      endTime: endTime === NO_VALUE ? null : endTime,
      action: action,
      reporter: reporter,
      sourceType: sourceType,
      sourceNamespace: sourceNamespace === DROP ? null : sourceNamespace,
      sourceNameAggr: sourceNameAggr === DROP ? null : sourceNameAggr,
      destType: destType,
      destNamespace: destNamespace === DROP ? null : destNamespace,
      destNameAggr: destNameAggr === DROP ? null : destNameAggr,
      destPort: destPort === NO_VALUE ? null : destPort,
      protocol,
      destServiceName: destServiceName === DROP ? null : destServiceName,
      destServiceNamespace: destServiceNamespace === DROP ? null : destServiceNamespace,
      destDomains: destDomains === DROP ? NO_DOMAINS : (destDomains ?? NO_DOMAINS),
      policies: policies ?? null,
      numFlows: numFlows === NO_VALUE ? 1 : numFlows,
      bytesIn: bytesIn === NO_VALUE ? 0 : bytesIn,
      bytesOut: bytesOut === NO_VALUE ? 0 : bytesOut,
      dropped,
    };
  }

  /** A non-negative integer (the scanner read plain ones), NO_VALUE when absent or null, SLOW otherwise. */
  private uint(field: number): number {
    const s = this.s;
    const kind = s.kind[field] as number;
    if (kind === 0 || kind === V_NULL) return NO_VALUE;
    if (kind !== V_NUMBER) return SLOW;
    return s.number[field] as number;
  }

  /** A string field's validated value (null when absent or null), REJECT for anything unusual. */
  private str<T>(b: Buffer, field: number, cache: InternedCache<Verdict<T>>): Verdict<T> | null {
    const s = this.s;
    const kind = s.kind[field] as number;
    if (kind === 0 || kind === V_NULL) return null;
    if (kind !== V_STRING) return REJECT;
    return cache.get(s.id[field] as number, b, s.start[field] as number, s.end[field] as number);
  }

  private protocol(b: Buffer): Verdict<FlowRecord['protocol']> {
    const s = this.s;
    if (s.kind[11] === V_NUMBER) {
      const n = s.number[11] as number;
      // parseProtocol(number) is exactly protocolFromNumber; protocol 0 is refused (protocolZero).
      return n <= 0 ? REJECT : (protocolFromNumber(n) ?? REJECT);
    }
    return this.str(b, 11, this.protocols);
  }

  /** `dest_domains` / `policies`: undefined when absent or null, the cached parse of the whole value otherwise. */
  private container<T>(b: Buffer, field: number, expected: number, cache: InternedCache<Verdict<T>>): Verdict<T> | undefined {
    const s = this.s;
    const kind = s.kind[field] as number;
    if (kind === 0 || kind === V_NULL) return undefined;
    if (kind !== expected) return REJECT;
    return cache.get(s.id[field] as number, b, s.start[field] as number, s.end[field] as number);
  }
}

const NO_DOMAINS: readonly string[] = Object.freeze([]);
