/**
 * `decodeLine`'s framing decision, made on the bytes of a line instead of its decoded text, so the
 * JSON payload can be scanned in place. Every decision depends on ASCII bytes only (TAB, space,
 * CR, `{`, the tag), which UTF-8 decoding maps one to one, so the outcome is the same as
 * `decodeLine(buf.toString('utf8', start, end))`'s.
 */
export const FRAME_BLANK = -1;
export const FRAME_IGNORED = -2;
export const FRAME_BAD = -3;

const TAB = 9;
const SPACE = 32;
const CR = 13;
const OPEN_BRACE = 123;

const FLOWS = Buffer.from('flows');
const NON_CLUSTER_FLOWS = Buffer.from('non-cluster-flows');

function isBlank(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = b[i];
    if (c !== SPACE && c !== TAB && c !== CR) return false;
  }
  return true;
}

function equals(b: Uint8Array, from: number, to: number, word: Uint8Array): boolean {
  if (to - from !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (b[from + i] !== word[i]) return false;
  return true;
}

function indexOfTab(b: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++) if (b[i] === TAB) return i;
  return -1;
}

/**
 * Where the JSON payload of line `b[start, end)` begins (it runs to `end`), or FRAME_BLANK,
 * FRAME_IGNORED (a fluentd line with another tag) or FRAME_BAD (badFraming).
 */
export function framePayload(b: Uint8Array, start: number, end: number): number {
  if (end === start) return FRAME_BLANK;
  let from = start;
  // A UTF-8 byte-order mark (EF BB BF) decodes to U+FEFF, which decodeLine skips.
  if (end - start >= 3 && b[start] === 0xef && b[start + 1] === 0xbb && b[start + 2] === 0xbf) from = start + 3;
  if (from === end) return FRAME_BLANK;
  const first = b[from] as number;
  if (first === OPEN_BRACE) return from;
  if (first <= SPACE && isBlank(b, from, end)) return FRAME_BLANK;
  const tab1 = indexOfTab(b, from, end);
  if (tab1 <= from) return FRAME_BAD;
  const tab2 = indexOfTab(b, tab1 + 1, end);
  if (tab2 === -1) return FRAME_BAD;
  if (!equals(b, tab1 + 1, tab2, FLOWS) && !equals(b, tab1 + 1, tab2, NON_CLUSTER_FLOWS)) return FRAME_IGNORED;
  return tab2 + 1;
}
