import { LIMITS, type Direction, type Recommendation, type Rule } from './model';
import type { NamespaceDelta, RuleDelta } from './aggregate';
import { mergeEvidence } from './aggregate';
import { ruleKey } from './rule-key';

function keyOf(rule: Rule): string {
  return ruleKey(rule.kind, rule.protocol, rule.peer, rule.kind === 'Domains' ? (rule.ports[0] ?? null) : null);
}

interface Union<T> {
  values: T[];
  grew: boolean;
  /** Some values were not added because of the bound. */
  limited: boolean;
}

const compare = <T extends number | string>(a: T, b: T) => (typeof a === 'number' && typeof b === 'number' ? a - b : a < b ? -1 : a > b ? 1 : 0);

/**
 * The sorted union, bounded: what was learned is never dropped; of the new values, the smallest
 * that fit under `max` are added (so the outcome does not depend on the order they were seen in).
 */
function sortedUnion<T extends number | string>(existing: readonly T[], added: Iterable<T>, max: number): Union<T> {
  if (existing.length === 0) {
    // A new rule (the common case in one run): the fresh values alone, sorted once.
    const fresh = [...new Set(added)].sort(compare);
    if (fresh.length === 0) return { values: existing as T[], grew: false, limited: false };
    return fresh.length > max ? { values: fresh.slice(0, max), grew: max > 0, limited: true } : { values: fresh, grew: true, limited: false };
  }
  const known = new Set<T>(existing);
  const fresh = [...new Set(added)].filter((v) => !known.has(v)).sort(compare);
  if (fresh.length === 0) return { values: existing as T[], grew: false, limited: false };
  const room = Math.max(0, max - existing.length);
  const limited = fresh.length > room;
  if (room === 0) return { values: existing as T[], grew: false, limited };
  return { values: [...existing, ...fresh.slice(0, room)].sort(compare), grew: true, limited };
}

function newRule(delta: RuleDelta, now: string): { rule: Rule; limited: boolean } {
  const ports = sortedUnion<number>([], delta.ports, LIMITS.portsPerRule);
  const domains = sortedUnion<string>([], delta.domains, LIMITS.domainsPerRule);
  const rule = {
    kind: delta.kind,
    protocol: delta.protocol,
    peer: delta.peer,
    ports: ports.values,
    domains: domains.values,
    lastUpdated: now,
    evidence: { ...delta.evidence, examples: [...delta.evidence.examples] },
  };
  return { rule, limited: ports.limited || domains.limited };
}

/**
 * Folds one direction's deltas into a copy of its rules. Union of ports and domains is
 * idempotent, so folding the same records twice gives the same rules (evidence aside).
 */
function mergeDirection(rules: readonly Rule[], deltas: ReadonlyMap<string, RuleDelta>, now: string): { rules: Rule[]; grew: boolean; limited: boolean } {
  const byKey = new Map<string, Rule>();
  for (const r of rules) byKey.set(keyOf(r), r);
  let grew = false;
  let limited = false;
  // Sorted keys: which new keys fit under the bound must not depend on the order records came in.
  for (const key of [...deltas.keys()].sort()) {
    const delta = deltas.get(key)!;
    const existing = byKey.get(key);
    if (!existing) {
      if (byKey.size >= LIMITS.rulesPerDirection) {
        limited = true;
        continue;
      }
      const created = newRule(delta, now);
      byKey.set(key, created.rule);
      grew = true;
      limited ||= created.limited;
      continue;
    }
    const ports = sortedUnion(existing.ports, delta.ports, LIMITS.portsPerRule);
    const domains = sortedUnion(existing.domains, delta.domains, LIMITS.domainsPerRule);
    const evidence = { ...existing.evidence, examples: [...existing.evidence.examples] };
    mergeEvidence(evidence, delta.evidence);
    const changed = ports.grew || domains.grew;
    grew ||= changed;
    limited ||= ports.limited || domains.limited;
    byKey.set(key, { ...existing, ports: ports.values, domains: domains.values, lastUpdated: changed ? now : existing.lastUpdated, evidence });
  }
  if (grew) settlePortlessDomains(byKey, now);
  // A port-less rule created and settled away in the same merge is no change.
  if (grew) grew = differs(rules, byKey);
  return { rules: [...byKey.values()], grew, limited };
}

/**
 * docs/engine.md: a record without a port contributes no port, and a rule stays port-less only if no
 * port was ever seen. Domains rules are keyed by port, so a domain seen with a port leaves its
 * protocol's port-less rule: that rule keeps only domains never seen with one (it would otherwise
 * open every port to them).
 */
function settlePortlessDomains(byKey: Map<string, Rule>, now: string): void {
  const ported = new Map<string, Set<string>>();
  for (const r of byKey.values()) {
    if (r.kind !== 'Domains' || r.ports.length === 0) continue;
    const seen = ported.get(r.protocol) ?? new Set<string>();
    r.domains.forEach((d) => seen.add(d));
    ported.set(r.protocol, seen);
  }
  for (const [key, r] of byKey) {
    const seen = r.kind === 'Domains' && r.ports.length === 0 ? ported.get(r.protocol) : undefined;
    if (!seen) continue;
    const domains = r.domains.filter((d) => !seen.has(d));
    if (domains.length === r.domains.length) continue;
    if (domains.length === 0) byKey.delete(key);
    else byKey.set(key, { ...r, domains, lastUpdated: now });
  }
}

function differs(before: readonly Rule[], after: ReadonlyMap<string, Rule>): boolean {
  if (before.length !== after.size) return true;
  return before.some((b) => {
    const a = after.get(keyOf(b));
    return !a || a.ports.join() !== b.ports.join() || a.domains.join() !== b.domains.join();
  });
}

/** A copy of `rec` with the namespace's deltas folded in; `grew` says whether any rule changed. */
export function mergeDelta(rec: Recommendation, delta: NamespaceDelta, now: string): { rec: Recommendation; grew: boolean } {
  const out: Recommendation = { ...rec };
  let grew = false;
  let limited = false;
  for (const dir of ['egress', 'ingress'] as Direction[]) {
    if (delta[dir].size === 0) continue;
    const merged = mergeDirection(rec[dir], delta[dir], now);
    out[dir] = merged.rules;
    grew ||= merged.grew;
    limited ||= merged.limited;
  }
  if (limited && !out.warnings.includes('RuleLimitReached')) out.warnings = [...out.warnings, 'RuleLimitReached'];
  return { rec: out, grew };
}
