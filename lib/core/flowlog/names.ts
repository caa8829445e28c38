/**
 * Name checks for values the reader copies out of flow logs. These strings later end up in
 * selectors and manifests, so they are checked with an allow-list of characters, one char code at
 * a time (no regexes on the hot path).
 */

const MAX_LABEL = 63;
const MAX_NAME = 253;

const DASH = 45;
const DOT = 46;
const STAR = 42;
const UNDERSCORE = 95;

function isLowerAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/** `-` and the empty string mean "none" in Calico flow logs. */
export function isNoneMarker(s: string): boolean {
  return s.length === 0 || (s.length === 1 && s.charCodeAt(0) === DASH);
}

/** RFC 1123 label as Kubernetes uses it: `^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`, at most 63 chars. */
export function isDns1123Label(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > MAX_LABEL) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (isLowerAlnum(c)) continue;
    if (c === DASH && i !== 0 && i !== n - 1) continue;
    return false;
  }
  return true;
}

/**
 * `*_name_aggr`: a pod-name prefix ending in `*` (`nginx-86c57db685-*`), a network-set or host
 * name, or `pub` / `pvt`. Allowed: up to 253 chars of `[a-z0-9.-]`, optionally ending with one `*`
 * (a lone `*` is accepted: it is what a fully aggregated name looks like). Quotes, spaces,
 * operators, uppercase, control and non-ASCII characters are refused, because network-set names
 * are rendered into selectors.
 */
export function isAggregatedName(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > MAX_NAME) return false;
  const end = s.charCodeAt(n - 1) === STAR ? n - 1 : n;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    if (isLowerAlnum(c) || c === DASH || c === DOT) continue;
    return false;
  }
  return true;
}

/**
 * Normalises one `dest_domains` entry: lower-cased, trailing dot removed. Returns undefined when
 * the result is not a DNS name: at most 253 chars, labels of 1..63 chars of `[a-z0-9_-]` that
 * neither start nor end with `-`, optionally preceded by a `*.` wildcard label.
 */
export function normalizeDomain(raw: string): string | undefined {
  let end = raw.length;
  if (end > 0 && raw.charCodeAt(end - 1) === DOT) end--;
  if (end === 0 || end > MAX_NAME) return undefined;

  let i = 0;
  if (raw.charCodeAt(0) === STAR) {
    if (end < 3 || raw.charCodeAt(1) !== DOT) return undefined;
    i = 2;
  }
  let labelStart = i;
  let hasUpper = false;
  for (; i <= end; i++) {
    const c = i === end ? DOT : raw.charCodeAt(i);
    if (c === DOT) {
      const len = i - labelStart;
      if (len === 0 || len > MAX_LABEL) return undefined;
      if (raw.charCodeAt(labelStart) === DASH || raw.charCodeAt(i - 1) === DASH) return undefined;
      labelStart = i + 1;
    } else if (c >= 65 && c <= 90) {
      hasUpper = true;
    } else if (!isLowerAlnum(c) && c !== DASH && c !== UNDERSCORE) {
      return undefined;
    }
  }
  const trimmed = end === raw.length ? raw : raw.slice(0, end);
  return hasUpper ? trimmed.toLowerCase() : trimmed;
}
