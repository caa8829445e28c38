import { ByteKeyCache } from './byte-key-cache';
import { V_ARRAY, V_NULL, V_NUMBER, V_OBJECT, V_STRING, type JsonScanner } from './json-scan';
import { parseRecord } from './parse-record';
import { protocolFromNumber } from './protocol';
import type { FlowRecord, PolicyTrace } from './record';

/**
 * The common case of the reader without an intermediate object: a scanned payload whose 19 fields
 * all have their usual shapes and valid values becomes a `FlowRecord` directly. Every field value
 * comes from `parseRecord` itself — run once per distinct byte sequence and cached (see
 * ByteKeyCache) — or from the same integer rules, so the record is the one `parseRecord` would
 * build. Anything else (a rejection, an escaped string, a fractional number…) returns null and the
 * caller takes the general path, which alone decides rejection reasons and their order.
 *
 * Field indexes follow FIELDS in scan-record.ts.
 */

/** Cached verdict of a field that `parseRecord` refuses. */
const REJECT: unique symbol = Symbol('reject');
type Verdict<T> = T | typeof REJECT;

function utf8(b: Buffer, start: number, end: number): string {
  return b.toString('utf8', start, end);
}

/** The value `parseRecord` gives field `key` of `{ [key]: value }`, or REJECT. */
function fieldOf<K extends keyof FlowRecord>(jsonKey: string, recordKey: K, value: unknown): Verdict<FlowRecord[K]> {
  const r = parseRecord({ [jsonKey]: value });
  return r.ok ? r.record[recordKey] : REJECT;
}

/** A cache of a string field's validated value; the key is the string's content bytes (no escapes). */
function stringField<K extends keyof FlowRecord>(size: number, jsonKey: string, recordKey: K): ByteKeyCache<Verdict<FlowRecord[K]>> {
  return new ByteKeyCache(size, 253, (b, start, end) => fieldOf(jsonKey, recordKey, utf8(b, start, end)));
}

/** Deep-frozen: one cached trace or domain list is shared by many records. */
function frozenTrace(t: PolicyTrace | null): PolicyTrace | null {
  if (t === null) return null;
  if (t.all) Object.freeze(t.all);
  if (t.enforced) Object.freeze(t.enforced);
  if (t.pending) Object.freeze(t.pending);
  return Object.freeze(t);
}

/** A JSON number token that is a plain integer of at most 15 digits, else -1 (general path). */
function plainUint(b: Buffer, start: number, end: number): number {
  if (end - start > 15 || (b[start] === 48 && end - start > 1)) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = (b[i] as number) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

const NO_VALUE = -2;
const SLOW = -1;

export class FastRecordBuilder {
  private readonly actions = stringField(16, 'action', 'action');
  private readonly reporters = stringField(16, 'reporter', 'reporter');
  private readonly types = stringField(16, 'source_type', 'sourceType');
  private readonly labels = stringField(8192, 'source_namespace', 'sourceNamespace');
  private readonly names = stringField(8192, 'source_name_aggr', 'sourceNameAggr');
  private readonly protocols = stringField(64, 'proto', 'protocol');
  /** Whole `dest_domains` arrays and `policies` objects, parsed once. */
  private readonly domains = new ByteKeyCache<Verdict<readonly string[]>>(1024, 1024, (b, start, end) => {
    const v = fieldOf('dest_domains', 'destDomains', JSON.parse(utf8(b, start, end)));
    return v === REJECT ? v : Object.freeze(v);
  });
  private readonly policies: ByteKeyCache<Verdict<PolicyTrace | null>>;

  /**
   * `decodePolicies(b, start, end)` turns a validated `policies` object into the plain value
   * `JSON.parse` would give as far as `parseRecord` looks (or `slow` when it cannot): the reader's
   * own cheaper decoder, since distinct traces are many and misses frequent.
   */
  constructor(
    private readonly s: JsonScanner,
    decodePolicies: (b: Buffer, start: number, end: number) => unknown,
    slow: unknown,
  ) {
    this.policies = new ByteKeyCache<Verdict<PolicyTrace | null>>(32768, 2048, (b, start, end) => {
      const decoded = decodePolicies(b, start, end);
      const v = decoded === slow ? REJECT : fieldOf('policies', 'policies', decoded);
      return v === REJECT ? v : frozenTrace(v);
    });
  }

  /** The record for the payload just scanned, or null when the general path must decide. */
  build(b: Buffer): FlowRecord | null {
    const startTime = this.uint(b, 0);
    const endTime = this.uint(b, 1);
    const action = this.str(b, 2, this.actions);
    const reporter = this.str(b, 3, this.reporters);
    const sourceType = this.str(b, 4, this.types);
    const sourceNamespace = this.str(b, 5, this.labels);
    const sourceNameAggr = this.str(b, 6, this.names);
    const destType = this.str(b, 7, this.types);
    const destNamespace = this.str(b, 8, this.labels);
    const destNameAggr = this.str(b, 9, this.names);
    const destPort = this.uint(b, 10);
    const protocol = this.protocol(b);
    const destServiceName = this.str(b, 12, this.labels);
    const destServiceNamespace = this.str(b, 13, this.labels);
    const destDomains = this.container(b, 14, V_ARRAY, this.domains);
    const policies = this.container(b, 15, V_OBJECT, this.policies);
    const numFlows = this.uint(b, 16);
    const bytesIn = this.uint(b, 17);
    const bytesOut = this.uint(b, 18);
    if (
      startTime === SLOW || endTime === SLOW || action === REJECT || reporter === REJECT || sourceType === REJECT || sourceNamespace === REJECT ||
      sourceNameAggr === REJECT || destType === REJECT || destNamespace === REJECT || destNameAggr === REJECT || destPort === SLOW || destPort > 65535 ||
      protocol === REJECT || destServiceName === REJECT || destServiceNamespace === REJECT || destDomains === REJECT || policies === REJECT ||
      numFlows === SLOW || bytesIn === SLOW || bytesOut === SLOW
    ) {
      return null;
    }
    // Same property order as parseRecord's literal: records share one hidden class.
    return {
      startTime: startTime === NO_VALUE ? null : startTime,
      endTime: endTime === NO_VALUE ? null : endTime,
      action: action as FlowRecord['action'],
      reporter: reporter as FlowRecord['reporter'],
      sourceType: sourceType as FlowRecord['sourceType'],
      sourceNamespace: sourceNamespace as string | null,
      sourceNameAggr: sourceNameAggr as string | null,
      destType: destType as FlowRecord['destType'],
      destNamespace: destNamespace as string | null,
      destNameAggr: destNameAggr as string | null,
      destPort: destPort === NO_VALUE ? null : destPort,
      protocol,
      destServiceName: destServiceName as string | null,
      destServiceNamespace: destServiceNamespace as string | null,
      destDomains: destDomains ?? NO_DOMAINS,
      policies: policies ?? null,
      numFlows: numFlows === NO_VALUE ? 1 : numFlows,
      bytesIn: bytesIn === NO_VALUE ? 0 : bytesIn,
      bytesOut: bytesOut === NO_VALUE ? 0 : bytesOut,
    };
  }

  /** A non-negative integer, NO_VALUE when absent or null, SLOW otherwise. */
  private uint(b: Buffer, field: number): number {
    const s = this.s;
    const kind = s.kind[field] as number;
    if (kind === 0 || kind === V_NULL) return NO_VALUE;
    if (kind !== V_NUMBER) return SLOW;
    return plainUint(b, s.start[field] as number, s.end[field] as number);
  }

  /** A string field's validated value (null when absent or null), REJECT for anything unusual. */
  private str<T>(b: Buffer, field: number, cache: ByteKeyCache<Verdict<T>>): Verdict<T> | null {
    const s = this.s;
    const kind = s.kind[field] as number;
    if (kind === 0 || kind === V_NULL) return null;
    if (kind !== V_STRING) return REJECT;
    return cache.get(b, (s.start[field] as number) + 1, (s.end[field] as number) - 1);
  }

  private protocol(b: Buffer): Verdict<FlowRecord['protocol']> {
    const s = this.s;
    if (s.kind[11] === V_NUMBER) {
      const n = plainUint(b, s.start[11] as number, s.end[11] as number);
      // parseProtocol(number) is exactly protocolFromNumber.
      return n < 0 ? REJECT : (protocolFromNumber(n) ?? REJECT);
    }
    return this.str(b, 11, this.protocols);
  }

  /** `dest_domains` / `policies`: undefined when absent or null, the cached parse of the whole value otherwise. */
  private container<T>(b: Buffer, field: number, expected: number, cache: ByteKeyCache<Verdict<T>>): Verdict<T> | undefined {
    const s = this.s;
    const kind = s.kind[field] as number;
    if (kind === 0 || kind === V_NULL) return undefined;
    if (kind !== expected) return REJECT;
    return cache.get(b, s.start[field] as number, s.end[field] as number);
  }
}

const NO_DOMAINS: readonly string[] = Object.freeze([]);
