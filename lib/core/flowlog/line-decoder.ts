import type { RejectReason } from './record';

/*
 * The readable definition of line framing, on decoded text. The reader itself decides the same
 * on bytes (frame-line.ts, scan-record.ts) for speed; test/perf/scanner-differential.test.ts holds
 * the fast path to this one on generated, mutated and hostile lines.
 */

/** What one line of an archived object holds. */
export type DecodedLine =
  /** Empty or whitespace-only: dropped silently. */
  | { readonly kind: 'blank' }
  /** A fluentd line with a tag other than a flow tag (count it as skip reason `otherTag`). */
  | { readonly kind: 'ignored' }
  | { readonly kind: 'rejected'; readonly reason: RejectReason }
  /** A decoded JSON object, to be handed to `parseRecord`. */
  | { readonly kind: 'object'; readonly value: object };

const TAB = 9;
const SPACE = 32;
const OPEN_BRACE = 123;
const BOM = 0xfeff;

/** Fluentd tags that carry flow records; others (dns, l7, …) are skipped, not rejected. */
const FLOW_TAGS = ['flows', 'non-cluster-flows'] as const;

const BLANK: DecodedLine = Object.freeze({ kind: 'blank' });
const IGNORED: DecodedLine = Object.freeze({ kind: 'ignored' });
const BAD_FRAMING: DecodedLine = Object.freeze({ kind: 'rejected', reason: 'badFraming' });
const NOT_JSON: DecodedLine = Object.freeze({ kind: 'rejected', reason: 'notJson' });
const WRONG_TYPE: DecodedLine = Object.freeze({ kind: 'rejected', reason: 'wrongType' });

function isBlank(line: string, from: number): boolean {
  for (let i = from; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== SPACE && c !== TAB && c !== 13) return false;
  }
  return true;
}

function isFlowTag(line: string, start: number, end: number): boolean {
  for (const tag of FLOW_TAGS) {
    if (end - start === tag.length && line.startsWith(tag, start)) return true;
  }
  return false;
}

/** A JSON payload that must be an object (`notJson` / `wrongType` otherwise). */
export function decodeJson(text: string): DecodedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return WRONG_TYPE;
  return { kind: 'object', value };
}

/**
 * Decides the framing of one line (without its newline) and decodes its JSON:
 * - `<time>\t<tag>\t<json>` (fluentd): only tags `flows` and `non-cluster-flows` are flow records;
 * - `{…}` (fluent-bit JSON Lines; its extra `date` key is simply not read later);
 * - empty / whitespace-only: blank; anything else: `badFraming`.
 * A leading UTF-8 byte-order mark (hand-made files) is tolerated.
 */
export function decodeLine(line: string): DecodedLine {
  if (line.length === 0) return BLANK;
  let start = 0;
  if (line.charCodeAt(0) === BOM) start = 1;
  const first = line.charCodeAt(start);
  if (first === OPEN_BRACE) return decodeJson(start === 0 ? line : line.slice(start));
  if (Number.isNaN(first) || (first <= SPACE && isBlank(line, start))) return BLANK;

  const tab1 = line.indexOf('\t', start);
  if (tab1 <= start) return BAD_FRAMING;
  const tab2 = line.indexOf('\t', tab1 + 1);
  if (tab2 === -1) return BAD_FRAMING;
  if (!isFlowTag(line, tab1 + 1, tab2)) return IGNORED;
  return decodeJson(line.slice(tab2 + 1));
}
