import * as jsonScan from './json-scan';
import { FastRecordBuilder, INTERN_GROUPS } from './fast-record';
import { parseRecord, type ParseResult } from './parse-record';
import type { FlowRecord, RejectReason } from './record';
import { decodeJson } from './line-decoder';
import { WasmScanner } from './wasm-scanner';

// Under tsx every module is CommonJS and each read of an imported binding calls a getter; the
// per-record path uses module-local copies taken once at load.
const { SCAN_FALLBACK, SCAN_NOT_JSON, SCAN_OK, V_ARRAY, V_FALSE, V_NULL, V_NUMBER, V_OBJECT, V_STRING, V_STRING_ESCAPED, V_TRUE } = jsonScan;
const { JsonScanner, KeySet } = jsonScan;

/**
 * The fast path of the reader: one JSON payload (bytes) to the same `ParseResult` that
 * `JSON.parse` + `parseRecord` give, without building the whole object. The scanner validates
 * the complete text and locates the top-level fields the engine reads; only those are decoded,
 * into a small object that goes through the very same `parseRecord`, so acceptance, rejection
 * reasons and the record itself cannot differ. Anything unusual takes the slow path.
 */
export type PayloadResult = ParseResult | { readonly ok: false; readonly reason: 'notJson' | 'wrongType'; readonly field?: undefined };

/** Exactly the keys `parseRecord` reads, in its order. */
export const RECORD_FIELDS = [
  'start_time',
  'end_time',
  'action',
  'reporter',
  'source_type',
  'source_namespace',
  'source_name_aggr',
  'dest_type',
  'dest_namespace',
  'dest_name_aggr',
  'dest_port',
  'proto',
  'dest_service_name',
  'dest_service_namespace',
  'dest_domains',
  'policies',
  'num_flows',
  'bytes_in',
  'bytes_out',
] as const;
const FIELDS = RECORD_FIELDS;
const F_DEST_DOMAINS = FIELDS.indexOf('dest_domains');
const F_POLICIES = FIELDS.indexOf('policies');

const POLICY_LISTS = new KeySet(['all_policies', 'enforced_policies', 'pending_policies']);

const NOT_JSON: PayloadResult = Object.freeze({ ok: false, reason: 'notJson' });
const WRONG_TYPE: PayloadResult = Object.freeze({ ok: false, reason: 'wrongType' });

/** Placeholders for values `parseRecord` only type-checks: any array / any object behaves alike. */
const SOME_ARRAY: readonly unknown[] = Object.freeze([]);
const SOME_OBJECT: object = Object.freeze({});
/** Stands for a non-string item inside an array whose string items matter. */
const NOT_A_STRING = 0;

/** Buffer's own latin1 decoder, without `toString`'s argument handling (not in Node's typings). */
function latin1(b: Buffer, start: number, end: number): string {
  return (b as Buffer & { latin1Slice(start: number, end: number): string }).latin1Slice(start, end);
}

const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const RBRACE = 125;
const RBRACKET = 93;

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Slow path: what the reader did before, for text the scanner leaves to JSON.parse. */
export function parsePayloadText(text: string): PayloadResult {
  const decoded = decodeJson(text);
  if (decoded.kind === 'object') return parseRecord(decoded.value);
  return decoded.kind === 'rejected' && decoded.reason === 'notJson' ? NOT_JSON : WRONG_TYPE;
}

export class PayloadParser {
  private readonly scanner = new WasmScanner(FIELDS, Object.values(INTERN_GROUPS));
  private readonly inner = new JsonScanner(POLICY_LISTS);
  /** Short ASCII strings seen before (namespaces, names, enums, policy hits): no allocation. */
  private readonly cache = new StringCache();
  /** The usual case, straight to a record (fast-record.ts); null leaves it to the general path. */
  private readonly fast = new FastRecordBuilder(this.scanner, (b, start, end) => this.policies(b, start, end), FALLBACK_MARK);

  /** Where to inflate so that `parse` reads lines in place (see WasmScanner.chunk). */
  get inflateBuffer(): Buffer {
    return this.scanner.chunk;
  }

  /** Why the last `read` returned null. */
  rejection: RejectReason = 'notJson';

  /** `b[from, to)` is one JSON text (the third fluentd column, or a whole JSON Lines line). */
  parse(b: Buffer, from: number, to: number): PayloadResult {
    const status = this.scanner.scan(b, from, to);
    if (status === SCAN_OK) {
      const record = this.fast.build(b);
      if (record !== null) return { ok: true, record };
    }
    return this.general(b, from, to, status);
  }

  /** `parse` without a result object per record (the reader's hot path): null when rejected, see `rejection`. */
  read(b: Buffer, from: number, to: number): FlowRecord | null {
    const status = this.scanner.scan(b, from, to);
    if (status === SCAN_OK) {
      const record = this.fast.build(b);
      if (record !== null) return record;
    }
    const result = this.general(b, from, to, status);
    if (result.ok) return result.record;
    this.rejection = result.reason;
    return null;
  }

  /** Everything but the usual record: rejections, escapes, unusual shapes, texts left to JSON.parse. */
  private general(b: Buffer, from: number, to: number, status: number): PayloadResult {
    if (status === SCAN_NOT_JSON) return NOT_JSON;
    if (status === SCAN_FALLBACK) return parsePayloadText(b.toString('utf8', from, to));
    const scanner = this.scanner;
    const obj = {
      start_time: this.value(b, 0),
      end_time: this.value(b, 1),
      action: this.value(b, 2),
      reporter: this.value(b, 3),
      source_type: this.value(b, 4),
      source_namespace: this.value(b, 5),
      source_name_aggr: this.value(b, 6),
      dest_type: this.value(b, 7),
      dest_namespace: this.value(b, 8),
      dest_name_aggr: this.value(b, 9),
      dest_port: this.value(b, 10),
      proto: this.value(b, 11),
      dest_service_name: this.value(b, 12),
      dest_service_namespace: this.value(b, 13),
      dest_domains:
        scanner.kind[F_DEST_DOMAINS] === V_ARRAY
          ? this.stringArray(b, scanner.start[F_DEST_DOMAINS] as number, scanner.end[F_DEST_DOMAINS] as number)
          : this.value(b, F_DEST_DOMAINS),
      policies: scanner.kind[F_POLICIES] === V_OBJECT ? this.policies(b, scanner.start[F_POLICIES] as number, scanner.end[F_POLICIES] as number) : this.value(b, F_POLICIES),
      num_flows: this.value(b, 16),
      bytes_in: this.value(b, 17),
      bytes_out: this.value(b, 18),
    };
    if (obj.policies === FALLBACK_MARK || obj.dest_domains === FALLBACK_MARK) return parsePayloadText(b.toString('utf8', from, to));
    return parseRecord(obj);
  }

  /** The JS value of a recorded top-level field, as far as `parseRecord` can tell it apart. */
  private value(b: Buffer, field: number): unknown {
    const s = this.scanner;
    return this.decode(b, s.kind[field] as number, s.start[field] as number, s.end[field] as number);
  }

  private decode(b: Buffer, kind: number, start: number, end: number): unknown {
    switch (kind) {
      case 0:
        return undefined;
      case V_NULL:
        return null;
      case V_TRUE:
        return true;
      case V_FALSE:
        return false;
      case V_NUMBER:
        return numberValue(b, start, end);
      case V_STRING:
        return this.cache.get(b, start + 1, end - 1);
      case V_STRING_ESCAPED:
        return JSON.parse(b.toString('utf8', start, end)) as string;
      case V_ARRAY:
        return SOME_ARRAY;
      default:
        return SOME_OBJECT;
    }
  }

  /**
   * A validated JSON array `b[start, end)` as an array of its string items (other items become
   * a non-string placeholder): what `dest_domains` and the policy lists need.
   */
  private stringArray(b: Buffer, start: number, end: number): unknown[] {
    const out: unknown[] = [];
    let i = start + 1;
    for (;;) {
      while (isWs(b[i] as number)) i++;
      if (b[i] === RBRACKET) return out;
      const itemStart = i;
      const itemEnd = skipValue(b, i, end);
      if (b[itemStart] === QUOTE) {
        out.push(hasEscape(b, itemStart + 1, itemEnd - 1) ? (JSON.parse(b.toString('utf8', itemStart, itemEnd)) as string) : this.cache.get(b, itemStart + 1, itemEnd - 1));
      } else {
        out.push(NOT_A_STRING);
      }
      i = itemEnd;
      while (isWs(b[i] as number)) i++;
      if (b[i] === COMMA) i++;
      else return out;
    }
  }

  private policyList(b: Buffer, id: number): unknown {
    const inner = this.inner;
    const kind = inner.kind[id] as number;
    if (kind === V_ARRAY) return this.stringArray(b, inner.start[id] as number, inner.end[id] as number);
    return this.decode(b, kind, inner.start[id] as number, inner.end[id] as number);
  }

  /** A validated `policies` object: the three lists `parseRecord` reads (last occurrence wins). */
  private policies(b: Buffer, start: number, end: number): unknown {
    const inner = this.inner;
    // Already validated; scanning again only locates the members (and refuses escaped keys).
    if (inner.scan(b, start, end) !== 0) return FALLBACK_MARK;
    return { all_policies: this.policyList(b, 0), enforced_policies: this.policyList(b, 1), pending_policies: this.policyList(b, 2) };
  }
}

/** Tells `parse` to take the slow path (a nested key with escapes). */
const FALLBACK_MARK: unique symbol = Symbol('fallback');

function hasEscape(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (b[i] === 92) return true;
  return false;
}

/** End of the (valid) JSON value starting at `i`. */
function skipValue(b: Uint8Array, i: number, end: number): number {
  let depth = 0;
  let inString = false;
  for (; i < end; i++) {
    const c = b[i] as number;
    if (inString) {
      if (c === 92) i++;
      else if (c === QUOTE) {
        inString = false;
        if (depth === 0) return i + 1;
      }
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === 123 || c === 91) {
      depth++;
    } else if (c === RBRACE || c === RBRACKET) {
      if (depth === 0) return i;
      depth--;
      if (depth === 0) return i + 1;
    } else if (depth === 0 && (c === COMMA || c === COLON || isWs(c))) {
      return i;
    }
  }
  return i;
}

/** A JSON number token as JSON.parse reads it (Number() follows the same grammar and rounding). */
function numberValue(b: Buffer, start: number, end: number): number {
  if (end - start <= 15) {
    let n = 0;
    let i = start;
    for (; i < end; i++) {
      const d = (b[i] as number) - 48;
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
    }
    // Plain digits without a leading zero (a lone "0" is fine).
    if (i === end && (b[start] !== 48 || end - start === 1)) return n;
  }
  return Number(latin1(b, start, end));
}

/**
 * Interns short strings by their bytes so the same namespace, name or policy hit decodes to the
 * same string without allocating. Direct-mapped by a hash of the bytes; a miss decodes normally.
 */
class StringCache {
  private static readonly SIZE = 4096;
  private static readonly MAX_LENGTH = 96;
  private readonly strings: (string | undefined)[] = new Array<string | undefined>(StringCache.SIZE).fill(undefined);
  private readonly bytes: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(StringCache.SIZE).fill(undefined);

  get(b: Buffer, start: number, end: number): string {
    const n = end - start;
    if (n > StringCache.MAX_LENGTH) return b.toString('utf8', start, end);
    let h = n;
    let ascii = 0;
    for (let i = start; i < end; i++) {
      const c = b[i] as number;
      ascii |= c;
      h = Math.imul(h ^ c, 0x01000193);
    }
    if (ascii >= 0x80) return b.toString('utf8', start, end);
    const slot = (h ^ (h >>> 15)) & (StringCache.SIZE - 1);
    const known = this.bytes[slot];
    if (known !== undefined && known.length === n) {
      let same = true;
      for (let j = 0; j < n; j++) {
        if (known[j] !== b[start + j]) {
          same = false;
          break;
        }
      }
      if (same) return this.strings[slot] as string;
    }
    const s = latin1(b, start, end);
    this.bytes[slot] = new Uint8Array(b.subarray(start, end));
    this.strings[slot] = s;
    return s;
  }
}
