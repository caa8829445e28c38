import type { PolicyHit, PolicyHitAction } from './record';

const MINUS = 45;

/** Modern (2026) policy-name kinds, `<kind>:[<ns>/]<name>`. */
const MODERN_KINDS: ReadonlySet<string> = new Set(['gnp', 'np', 'sgnp', 'snp', 'knp', 'sknp', 'kcnp', 'kanp', 'kbanp', 'pro', 'eot']);
const STAGED_KINDS: ReadonlySet<string> = new Set(['sgnp', 'snp', 'sknp']);
const LONGEST_KIND = 5;

export const PROFILE_TIER = '__PROFILE__';

/** Digits only (optionally a leading `-`), as a number; undefined when not an integer. */
function parseInteger(s: string, start: number, end: number, allowNegative: boolean): number | undefined {
  let i = start;
  const negative = allowNegative && i < end && s.charCodeAt(i) === MINUS;
  if (negative) i++;
  if (i === end || end - i > 9) return undefined;
  let n = 0;
  for (; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    n = n * 10 + d;
  }
  return negative ? -n : n;
}

function parseAction(s: string, start: number, end: number): PolicyHitAction | undefined {
  const len = end - start;
  if (len === 5 && s.startsWith('allow', start)) return 'allow';
  if (len === 4 && s.startsWith('deny', start)) return 'deny';
  if (len === 4 && s.startsWith('pass', start)) return 'pass';
  return undefined;
}

/** The modern kind prefix of a policy name (`snp` in `snp:shop/x`), or undefined for legacy names. */
export function modernKind(name: string): string | undefined {
  const colon = name.indexOf(':');
  if (colon < 2 || colon > LONGEST_KIND) return undefined;
  const kind = name.slice(0, colon);
  return MODERN_KINDS.has(kind) ? kind : undefined;
}

/**
 * One trace entry `index|tier|name|action[|ruleIndex]` (4 parts in old versions, 5 later; the
 * rule index may be `-1` or `-2`). Undefined when malformed. The rule index is checked but not
 * kept: the engine only needs order, action and whether the hit is staged or a profile, and
 * impact previews whether a staged policy decided by its tier's end (`endOfTier`).
 */
export function parsePolicyHit(s: string): PolicyHit | undefined {
  const p1 = s.indexOf('|');
  if (p1 <= 0) return undefined;
  const p2 = s.indexOf('|', p1 + 1);
  if (p2 <= p1 + 1) return undefined;
  const p3 = s.indexOf('|', p2 + 1);
  if (p3 <= p2 + 1) return undefined;
  const p4 = s.indexOf('|', p3 + 1);
  const actionEnd = p4 === -1 ? s.length : p4;

  const index = parseInteger(s, 0, p1, false);
  if (index === undefined) return undefined;
  const action = parseAction(s, p3 + 1, actionEnd);
  if (action === undefined) return undefined;
  let ruleIndex: number | undefined;
  if (p4 !== -1) {
    if (s.indexOf('|', p4 + 1) !== -1) return undefined;
    ruleIndex = parseInteger(s, p4 + 1, s.length, true);
    if (ruleIndex === undefined) return undefined;
  }

  const tier = s.slice(p1 + 1, p2);
  const name = s.slice(p2 + 1, p3);
  const kind = modernKind(name);
  const staged = (kind !== undefined && STAGED_KINDS.has(kind)) || name.includes('staged:');
  const profile = tier === PROFILE_TIER || kind === 'pro';
  // Impact previews read a staged policy's default verdict; other hits keep the usual shape.
  if (staged && ruleIndex === -1) return { index, tier, name, action, staged, profile, endOfTier: true };
  return { index, tier, name, action, staged, profile };
}
