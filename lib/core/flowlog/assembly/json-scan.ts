// AssemblyScript (compiled to WebAssembly by scripts/build-wasm.ts; the output is embedded in
// ../json-scan-wasm.generated.ts). The same validating scan as ../json-scan.ts — same accepted
// texts, same fallbacks, same recorded fields — with string contents skipped sixteen bytes at a
// time (SIMD), and one step more: every recorded string, array and object value is interned, so
// the reader caches decoded values by a small integer instead of hashing and comparing bytes in
// JavaScript.
//
// Values are interned per group (fields whose values the caller decodes alike share one), each
// group in its own open-addressing table sized for its cardinality, so the tables of enum-like
// fields stay in the CPU cache; ids are dense (order of first appearance), so the caller's arrays
// indexed by id stay compact. A group half full (table or arena slice) empties every table: a
// new epoch, which the caller reads from memory.
//
// Memory (one instance per thread, nothing grows after `setup`):
//   keys    the wanted top-level keys: a 256-slot table of (length, offset, id) and their bytes
//   groups  per key its intern group (-1: none); per group its table, mask, count, arena slice
//   out     per wanted key: kind u8, start i32, end i32, id i32, number f64; the epoch (i32)
//   input   INPUT_CAP bytes the caller copies one JSON text into, plus SIMD overrun padding
//   chunk   CHUNK_CAP bytes the caller may inflate into and scan in place, plus padding
//   tables  TABLE_SLOTS slots in all: (hash u32, address of the bytes u32, length u32, id u32)
//   arena   ARENA_CAP bytes holding the interned values' bytes, split between the groups in
//           proportion to their tables: a group's values stay together (cache lines of hot
//           names are not spread among thousands of policy traces)

const V_NULL: u8 = 1;
const V_TRUE: u8 = 2;
const V_FALSE: u8 = 3;
const V_NUMBER: u8 = 4;
const V_STRING: u8 = 5;
const V_STRING_ESCAPED: u8 = 6;
const V_ARRAY: u8 = 7;
const V_OBJECT: u8 = 8;

const SCAN_OK: i32 = 0;
const SCAN_NOT_JSON: i32 = 1;
const SCAN_FALLBACK: i32 = 2;

const MAX_DEPTH: i32 = 256;
const MAX_KEYS: i32 = 64;
const MAX_GROUPS: i32 = 16;
const GROUP_BYTES: usize = 24;
const KEY_SLOTS: i32 = 256;
const KEY_BYTES: i32 = 4096;

export const INPUT_CAP: i32 = 1 << 20;
export const CHUNK_CAP: i32 = 256 << 10;
const PADDING: i32 = 64;
const TABLE_SLOTS: i32 = 1 << 16;
const ARENA_CAP: i32 = 16 << 20;
const ARENA_PER_SLOT: i32 = ARENA_CAP / TABLE_SLOTS;
/** Values longer than this are not interned (id -1): the caller decodes them every time. */
const MAX_INTERNED: i32 = 4096;

const QUOTE: u8 = 34;
const BACKSLASH: u8 = 92;
const COMMA: u8 = 44;
const COLON: u8 = 58;
const LBRACE: u8 = 123;
const RBRACE: u8 = 125;
const LBRACKET: u8 = 91;
const RBRACKET: u8 = 93;
const MINUS: u8 = 45;
const DOT: u8 = 46;
const ZERO: u8 = 48;

let keySlots: usize = 0;
let keyBytes: usize = 0;
let keyBytesUsed: i32 = 0;
let keyCount: i32 = 0;
/** Per key: its group, or -1 for a key whose values are not interned. */
let keyGroup: usize = 0;
/** Per group (GROUP_BYTES): table pointer, slot mask, interned values, arena start, capacity and used (u32 each). */
let groups: usize = 0;
let groupCount: i32 = 0;
let slotsUsed: i32 = 0;
let outKind: usize = 0;
let outStart: usize = 0;
let outEnd: usize = 0;
let outId: usize = 0;
let outNumber: usize = 0;
let inputRegion: usize = 0;
let chunkRegion: usize = 0;
/** Start of the text being scanned (in the input or the chunk region). */
let input: usize = 0;
let table: usize = 0;
let arena: usize = 0;
/** Where the epoch is kept: the caller reads it from memory once per record, without a call. */
let epochCell: usize = 0;
/** Set by `stringSlow`: the string just scanned had an escape. */
let escaped: bool = false;

function alignUp(p: usize, a: usize): usize {
  return (p + a - 1) & ~(a - 1);
}

/** Lays out the regions and grows memory once; returns the input pointer. */
export function setup(): usize {
  let p = alignUp(__heap_base, 16);
  keySlots = p;
  p += <usize>KEY_SLOTS * 12;
  keyBytes = p;
  p += <usize>KEY_BYTES;
  keyGroup = p;
  p += <usize>MAX_KEYS * 4;
  groups = p;
  p += <usize>MAX_GROUPS * GROUP_BYTES;
  outKind = p;
  p += <usize>MAX_KEYS;
  outStart = p;
  p += <usize>MAX_KEYS * 4;
  outEnd = p;
  p += <usize>MAX_KEYS * 4;
  outId = p;
  p += <usize>MAX_KEYS * 4;
  outNumber = alignUp(p, 8);
  p = outNumber + <usize>MAX_KEYS * 8;
  // Zero, like all fresh memory.
  epochCell = p;
  p += 4;
  inputRegion = alignUp(p, 16);
  input = inputRegion;
  p = inputRegion + <usize>(INPUT_CAP + PADDING);
  chunkRegion = p;
  p += <usize>(CHUNK_CAP + PADDING);
  table = alignUp(p, 16);
  p = table + <usize>TABLE_SLOTS * 16;
  arena = p;
  p += <usize>(ARENA_CAP + PADDING);
  const pages = <i32>((p + 0xffff) >>> 16) - memory.size();
  if (pages > 0 && memory.grow(pages) < 0) unreachable();
  memory.fill(keySlots, 0, <usize>KEY_SLOTS * 12);
  return inputRegion;
}

export function chunkPtr(): usize {
  return chunkRegion;
}

export function kindPtr(): usize {
  return outKind;
}
export function startPtr(): usize {
  return outStart;
}
export function endPtr(): usize {
  return outEnd;
}
export function idPtr(): usize {
  return outId;
}
export function numberPtr(): usize {
  return outNumber;
}
/** Changes whenever the intern table is emptied: ids of an earlier epoch mean nothing. */
export function epochPtr(): usize {
  return epochCell;
}

@inline
function keyHash(p: usize, n: i32): i32 {
  if (n == 0) return 0;
  const first = <i32>load<u8>(p);
  const last = <i32>load<u8>(p + <usize>n - 1);
  const second = <i32>load<u8>(n > 2 ? p + <usize>n - 2 : p);
  return (n * 0x9e3779b1) ^ (first * 0x85ebca6b) ^ (last * 0xc2b2ae35) ^ (second * 0x27d4eb2f);
}

/** Adds an intern group of 2^bits slots; its number, or -1 when the tables are full. */
export function addGroup(bits: i32): i32 {
  if (groupCount == MAX_GROUPS || bits < 1 || bits > 30 || slotsUsed + (1 << bits) > TABLE_SLOTS) return -1;
  const at = groups + <usize>groupCount * GROUP_BYTES;
  store<u32>(at, <u32>(table + <usize>slotsUsed * 16));
  store<u32>(at, <u32>((1 << bits) - 1), 4);
  store<u32>(at, 0, 8);
  store<u32>(at, <u32>(arena + <usize>slotsUsed * ARENA_PER_SLOT), 12);
  store<u32>(at, <u32>((1 << bits) * ARENA_PER_SLOT), 16);
  store<u32>(at, 0, 20);
  slotsUsed += 1 << bits;
  return groupCount++;
}

/**
 * Adds the key whose `n` bytes the caller wrote at the input pointer, its values interned in
 * `group` (-1: not interned); false when full.
 */
export function addKey(n: i32, group: i32): bool {
  if (keyCount == MAX_KEYS || keyBytesUsed + n > KEY_BYTES || n <= 0 || group < -1 || group >= groupCount) return false;
  store<i32>(keyGroup + <usize>keyCount * 4, group);
  memory.copy(keyBytes + <usize>keyBytesUsed, inputRegion, <usize>n);
  let slot = keyHash(inputRegion, n) & (KEY_SLOTS - 1);
  while (load<i32>(keySlots + <usize>slot * 12) != 0) slot = (slot + 1) & (KEY_SLOTS - 1);
  const at = keySlots + <usize>slot * 12;
  store<i32>(at, n);
  store<i32>(at, keyBytesUsed, 4);
  store<i32>(at, keyCount, 8);
  keyBytesUsed += n;
  keyCount++;
  return true;
}

function keyId(p: usize, n: i32): i32 {
  let slot = keyHash(p, n) & (KEY_SLOTS - 1);
  while (true) {
    const at = keySlots + <usize>slot * 12;
    const len = load<i32>(at);
    if (len == 0) return -1;
    if (len == n && bytesEqual(keyBytes + <usize>load<i32>(at, 4), p, n)) return load<i32>(at, 8);
    slot = (slot + 1) & (KEY_SLOTS - 1);
  }
}

/** The low `n` bytes (1..8) of a little-endian word. */
@inline
function lowBytes(n: usize): u64 {
  return 0xffffffffffffffff >> ((8 - n) << 3);
}

/** Whether the `n` bytes at `a` and `b` are equal; may read up to 7 bytes past both (padded regions). */
function bytesEqual(a: usize, b: usize, n: i32): bool {
  let i: usize = 0;
  const end = <usize>n;
  while (i + 8 <= end) {
    if (load<u64>(a + i) != load<u64>(b + i)) return false;
    i += 8;
  }
  return i == end || ((load<u64>(a + i) ^ load<u64>(b + i)) & lowBytes(end - i)) == 0;
}

@inline
function isWs(c: u8): bool {
  return c == 32 || c == 9 || c == 10 || c == 13;
}

@inline
function isDigit(c: u8): bool {
  return <u32>(c - ZERO) <= 9;
}

@inline
function isHex(c: u8): bool {
  return isDigit(c) || <u32>((c | 0x20) - 97) <= 5;
}

@inline
function skipWs(p: usize, to: usize): usize {
  while (p < to) {
    const c = load<u8>(p);
    if (c > 32 || !isWs(c)) break;
    p++;
  }
  return p;
}

/**
 * First position in [p, to) holding `"`, `\` or a control character, sixteen bytes at a time;
 * `to` when there is none. Reads up to 15 bytes past `to` (the input has padding).
 */
@inline
function runEnd(p: usize, to: usize): usize {
  const quote = i8x16.splat(<i8>QUOTE);
  const backslash = i8x16.splat(<i8>BACKSLASH);
  const space = i8x16.splat(32);
  while (p < to) {
    const v = v128.load(p);
    const stop = v128.or(v128.or(i8x16.eq(v, quote), i8x16.eq(v, backslash)), i8x16.lt_u(v, space));
    const bits = i8x16.bitmask(stop);
    if (bits != 0) {
      const at = p + <usize>ctz(bits);
      return at < to ? at : to;
    }
    p += 16;
  }
  return to;
}

/** `p` is just after the opening quote; the position after the closing quote, or 0. */
function stringSlow(p: usize, to: usize): usize {
  escaped = false;
  while (true) {
    p = runEnd(p, to);
    if (p >= to) return 0;
    const c = load<u8>(p);
    if (c == QUOTE) return p + 1;
    if (c != BACKSLASH) return 0; // a raw control character
    escaped = true;
    if (p + 1 >= to) return 0;
    const e = load<u8>(p + 1);
    if (e == QUOTE || e == BACKSLASH || e == 47 || e == 98 || e == 102 || e == 110 || e == 114 || e == 116) {
      p += 2;
    } else if (e == 117 && p + 6 <= to && isHex(load<u8>(p + 2)) && isHex(load<u8>(p + 3)) && isHex(load<u8>(p + 4)) && isHex(load<u8>(p + 5))) {
      p += 6;
    } else {
      return 0;
    }
  }
}

/** First position in [p, to) that is not a digit, sixteen bytes at a time; at most `to`. */
@inline
function digitsEnd(p: usize, to: usize): usize {
  const zero = i8x16.splat(<i8>ZERO);
  const nine = i8x16.splat(9);
  while (p < to) {
    const bits = i8x16.bitmask(i8x16.gt_u(i8x16.sub(v128.load(p), zero), nine));
    if (bits != 0) {
      const at = p + <usize>ctz(bits);
      return at < to ? at : to;
    }
    p += 16;
  }
  return to;
}

/** JSON number grammar from `p`; the position after it, or 0. */
function number(p: usize, to: usize): usize {
  if (load<u8>(p) == MINUS) p++;
  if (p >= to) return 0;
  const c = load<u8>(p);
  if (c == ZERO) {
    p++;
  } else if (isDigit(c)) {
    p = digitsEnd(p + 1, to);
  } else {
    return 0;
  }
  if (p < to && load<u8>(p) == DOT) {
    p++;
    if (p >= to || !isDigit(load<u8>(p))) return 0;
    p = digitsEnd(p, to);
  }
  if (p < to && (load<u8>(p) | 0x20) == 101) {
    p++;
    if (p < to && (load<u8>(p) == 43 || load<u8>(p) == MINUS)) p++;
    if (p >= to || !isDigit(load<u8>(p))) return 0;
    p = digitsEnd(p, to);
  }
  return p;
}

/** Added to every recorded position: the caller's offset of the text in its own buffer. */
let base: i32 = 0;

@inline
function record(field: i32, kind: u8, start: usize, end: usize): void {
  store<u8>(outKind + <usize>field, kind);
  store<i32>(outStart + <usize>field * 4, <i32>(start - input) + base);
  store<i32>(outEnd + <usize>field * 4, <i32>(end - input) + base);
}

/** Why the scan stopped: SCAN_NOT_JSON or SCAN_FALLBACK (set where a function returns 0). */
let failure: i32 = SCAN_OK;

@inline
function fail(status: i32): usize {
  failure = status;
  return 0;
}

/**
 * The value starting at `p` (not whitespace), inside a container at nesting `depth`; the position
 * after it, or 0. At depth 1 the value of wanted key `field` is recorded.
 */
function value(p: usize, to: usize, depth: i32, field: i32): usize {
  const c = load<u8>(p);
  const start = p;
  let kind: u8;
  if (c == QUOTE) {
    const j = runEnd(p + 1, to);
    if (j < to && load<u8>(j) == QUOTE) {
      p = j + 1;
      kind = V_STRING;
    } else {
      p = stringSlow(p + 1, to);
      if (p == 0) return fail(SCAN_NOT_JSON);
      kind = escaped ? V_STRING_ESCAPED : V_STRING;
    }
  } else if (c == LBRACE || c == LBRACKET) {
    if (depth == MAX_DEPTH) return fail(SCAN_FALLBACK);
    p = c == LBRACE ? object(p + 1, to, depth + 1) : array(p + 1, to, depth + 1);
    if (p == 0) return 0;
    kind = c == LBRACE ? V_OBJECT : V_ARRAY;
  } else if (c == MINUS || isDigit(c)) {
    p = number(p, to);
    if (p == 0) return fail(SCAN_NOT_JSON);
    kind = V_NUMBER;
  } else if (c == 110 && p + 4 <= to && load<u32>(p) == 0x6c6c756e) {
    p += 4;
    kind = V_NULL;
  } else if (c == 116 && p + 4 <= to && load<u32>(p) == 0x65757274) {
    p += 4;
    kind = V_TRUE;
  } else if (c == 102 && p + 5 <= to && load<u32>(p + 1) == 0x65736c61) {
    p += 5;
    kind = V_FALSE;
  } else {
    return fail(SCAN_NOT_JSON);
  }
  if (depth == 1 && field >= 0) record(field, kind, start, p);
  return p;
}

/**
 * The members of an object whose `{` is just before `p`; the position after its `}`, or 0.
 * `object` and `array` spell out "end of text? whitespace?" at each step instead of calling a
 * helper: compact JSON then costs one comparison per step, and the helper version measured 5%
 * slower over the whole scan.
 */
function object(p: usize, to: usize, depth: i32): usize {
  p = skipWs(p, to);
  if (p >= to) return fail(SCAN_NOT_JSON);
  if (load<u8>(p) == RBRACE) return p + 1;
  while (true) {
    if (load<u8>(p) != QUOTE) return fail(SCAN_NOT_JSON);
    const keyStart = p + 1;
    const j = runEnd(keyStart, to);
    if (j < to && load<u8>(j) == QUOTE) {
      p = j + 1;
      escaped = false;
    } else {
      p = stringSlow(keyStart, to);
      if (p == 0) return fail(SCAN_NOT_JSON);
    }
    let field = -1;
    if (depth == 1) {
      if (escaped) return fail(SCAN_FALLBACK);
      field = keyId(keyStart, <i32>(p - 1 - keyStart));
    }
    // Compact JSON first: `:` right after the key, the value right after it.
    if (p < to && load<u8>(p) == COLON) {
      p++;
    } else {
      p = skipWs(p, to);
      if (p >= to || load<u8>(p) != COLON) return fail(SCAN_NOT_JSON);
      p++;
    }
    if (p >= to) return fail(SCAN_NOT_JSON);
    if (load<u8>(p) <= 32) {
      p = skipWs(p, to);
      if (p >= to) return fail(SCAN_NOT_JSON);
    }
    p = value(p, to, depth, field);
    if (p == 0) return 0;
    if (p >= to) return fail(SCAN_NOT_JSON);
    let c = load<u8>(p);
    if (c <= 32) {
      p = skipWs(p, to);
      if (p >= to) return fail(SCAN_NOT_JSON);
      c = load<u8>(p);
    }
    if (c == RBRACE) return p + 1;
    if (c != COMMA) return fail(SCAN_NOT_JSON);
    p++;
    if (p >= to) return fail(SCAN_NOT_JSON);
    if (load<u8>(p) <= 32) {
      p = skipWs(p, to);
      if (p >= to) return fail(SCAN_NOT_JSON);
    }
  }
  return 0;
}

/** The items of an array whose `[` is just before `p`; the position after its `]`, or 0. */
function array(p: usize, to: usize, depth: i32): usize {
  p = skipWs(p, to);
  if (p >= to) return fail(SCAN_NOT_JSON);
  if (load<u8>(p) == RBRACKET) return p + 1;
  while (true) {
    p = value(p, to, depth, -1);
    if (p == 0) return 0;
    if (p >= to) return fail(SCAN_NOT_JSON);
    let c = load<u8>(p);
    if (c <= 32) {
      p = skipWs(p, to);
      if (p >= to) return fail(SCAN_NOT_JSON);
      c = load<u8>(p);
    }
    if (c == RBRACKET) return p + 1;
    if (c != COMMA) return fail(SCAN_NOT_JSON);
    p++;
    if (p >= to) return fail(SCAN_NOT_JSON);
    if (load<u8>(p) <= 32) {
      p = skipWs(p, to);
      if (p >= to) return fail(SCAN_NOT_JSON);
    }
  }
  return 0;
}

/** Scans `input[0, len)`; SCAN_OK, SCAN_NOT_JSON or SCAN_FALLBACK. */
function validate(len: i32): i32 {
  memory.fill(outKind, 0, <usize>keyCount);
  const to = input + <usize>len;
  let p = skipWs(input, to);
  if (p >= to) return SCAN_NOT_JSON;
  if (load<u8>(p) != LBRACE) return SCAN_FALLBACK;
  p = object(p + 1, to, 1);
  if (p == 0) return failure;
  return skipWs(p, to) == to ? SCAN_OK : SCAN_NOT_JSON;
}

/** A 32-bit hash of the `n` bytes at `p`: two independent lanes over 16-byte blocks, then the tail as one masked word. */
function hashBytes(p: usize, n: i32): u32 {
  let h: u64 = <u64>n * 0x9e3779b97f4a7c15;
  let g: u64 = 0xc2b2ae3d27d4eb4f;
  let i: usize = 0;
  const end = <usize>n;
  while (i + 16 <= end) {
    h = rotl<u64>((h ^ load<u64>(p + i)) * 0x9e3779b97f4a7c15, 27);
    g = rotl<u64>((g ^ load<u64>(p + i + 8)) * 0xc2b2ae3d27d4eb4f, 31);
    i += 16;
  }
  if (i + 8 <= end) {
    h = rotl<u64>((h ^ load<u64>(p + i)) * 0x9e3779b97f4a7c15, 27);
    i += 8;
  }
  if (i < end) g = (g ^ (load<u64>(p + i) & lowBytes(end - i))) * 0x9e3779b97f4a7c15;
  h ^= g;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccd;
  h ^= h >> 33;
  return <u32>h;
}

/**
 * Empties every table when one is half full (probes stay short) or its arena half full (values
 * keep being interned): a new epoch.
 */
function makeRoom(): void {
  let full = false;
  for (let g = 0; g < groupCount; g++) {
    const at = groups + <usize>g * GROUP_BYTES;
    if (load<u32>(at, 8) > load<u32>(at, 4) >> 1 || load<u32>(at, 20) > load<u32>(at, 16) >> 1) full = true;
  }
  if (!full) return;
  memory.fill(table, 0, <usize>slotsUsed * 16);
  for (let g = 0; g < groupCount; g++) {
    const at = groups + <usize>g * GROUP_BYTES;
    store<u32>(at, 0, 8);
    store<u32>(at, 0, 20);
  }
  store<i32>(epochCell, load<i32>(epochCell) + 1);
}

/**
 * The id of the bytes input[start, end) in `group`, added when new; -1 for long values. Ids are
 * dense (0, 1, 2… in order of first appearance), so the caller's arrays indexed by id stay compact.
 */
function intern(group: i32, start: i32, end: i32): i32 {
  const n = end - start;
  if (n > MAX_INTERNED) return -1;
  const g = groups + <usize>group * GROUP_BYTES;
  const base = <usize>load<u32>(g);
  const mask = load<u32>(g, 4);
  const p = input + <usize>start;
  const h = hashBytes(p, n);
  let slot = h & mask;
  while (true) {
    const at = base + <usize>slot * 16;
    const len = load<i32>(at, 8);
    if (len == 0) break;
    if (len == n && load<u32>(at) == h && bytesEqual(<usize>load<u32>(at, 4), p, n)) return load<i32>(at, 12);
    slot = (slot + 1) & mask;
  }
  const used = load<u32>(g, 20);
  // A full arena takes nothing until the next epoch: the caller decodes such values each time.
  if (used + <u32>n > load<u32>(g, 16)) return -1;
  const stored = <usize>load<u32>(g, 12) + <usize>used;
  memory.copy(stored, p, <usize>n);
  const at = base + <usize>slot * 16;
  store<u32>(at, h);
  store<u32>(at, <u32>stored, 4);
  store<i32>(at, n, 8);
  const id = load<u32>(g, 8);
  store<u32>(at, id, 12);
  store<u32>(g, id + 1, 8);
  store<u32>(g, used + <u32>n, 20);
  return <i32>id;
}

/** A plain integer of at most 15 digits without a leading zero, else -1. */
function plainUint(start: i32, end: i32): f64 {
  const n = end - start;
  if (n > 15 || (n > 1 && load<u8>(input + <usize>start) == ZERO)) return -1;
  let v: i64 = 0;
  for (let i = start; i < end; i++) {
    const d = load<u8>(input + <usize>i);
    if (!isDigit(d)) return -1;
    v = v * 10 + <i64>(d - ZERO);
  }
  return <f64>v;
}

/**
 * Scans the `len` bytes at `at`: the start of the input region (where the caller copied them) or
 * anywhere in the chunk region (bytes inflated there, scanned in place). On SCAN_OK, for every
 * wanted key present: kind, start and end (positions from `at`, plus `offset`) and, for strings
 * without escapes, arrays and objects, an intern id (or -1); for numbers the value of a plain
 * integer (or -1). A text outside both regions is handed back (SCAN_FALLBACK).
 */
export function scan(at: usize, len: i32, offset: i32): i32 {
  if (len < 0) return SCAN_FALLBACK;
  const inInput = at == inputRegion && len <= INPUT_CAP;
  const inChunk = at >= chunkRegion && <u64>at + <u64>len <= <u64>chunkRegion + <u64>CHUNK_CAP;
  if (!inInput && !inChunk) return SCAN_FALLBACK;
  input = at;
  base = offset;
  const status = validate(len);
  if (status != SCAN_OK) return status;
  makeRoom();
  for (let f = 0; f < keyCount; f++) {
    const kind = load<u8>(outKind + <usize>f);
    if (kind == 0) continue;
    const start = load<i32>(outStart + <usize>f * 4) - offset;
    const end = load<i32>(outEnd + <usize>f * 4) - offset;
    let id = -1;
    if (kind == V_STRING || kind == V_ARRAY || kind == V_OBJECT) {
      const group = load<i32>(keyGroup + <usize>f * 4);
      if (group >= 0) id = intern(group, start, end);
    } else if (kind == V_NUMBER) {
      store<f64>(outNumber + <usize>f * 8, plainUint(start, end));
    }
    store<i32>(outId + <usize>f * 4, id);
  }
  return SCAN_OK;
}
