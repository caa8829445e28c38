import type { Direction, Recommendation, Rule } from './model';
import type { NamespaceDelta, RuleDelta } from './aggregate';
import { mergeEvidence } from './aggregate';
import { ruleKey } from './rule-key';

function keyOf(rule: Rule): string {
  return ruleKey(rule.kind, rule.protocol, rule.peer, rule.kind === 'Domains' ? (rule.ports[0] ?? null) : null);
}

function sortedUnion(existing: readonly (number | string)[], added: Iterable<number | string>): { values: (number | string)[]; grew: boolean } {
  const set = new Set(existing);
  const before = set.size;
  for (const v of added) set.add(v);
  if (set.size === before) return { values: existing as (number | string)[], grew: false };
  const values = [...set];
  values.sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : a < b ? -1 : a > b ? 1 : 0));
  return { values, grew: true };
}

function newRule(delta: RuleDelta, now: string): Rule {
  return {
    kind: delta.kind,
    protocol: delta.protocol,
    peer: delta.peer,
    ports: [...delta.ports].sort((a, b) => a - b),
    domains: [...delta.domains].sort(),
    lastUpdated: now,
    evidence: { ...delta.evidence, examples: [...delta.evidence.examples] },
  };
}

/**
 * Folds one direction's deltas into a copy of its rules. Union of ports and domains is
 * idempotent, so folding the same records twice gives the same rules (evidence aside).
 */
function mergeDirection(rules: readonly Rule[], deltas: ReadonlyMap<string, RuleDelta>, now: string): { rules: Rule[]; grew: boolean } {
  const byKey = new Map<string, Rule>();
  for (const r of rules) byKey.set(keyOf(r), r);
  let grew = false;
  for (const [key, delta] of deltas) {
    const existing = byKey.get(key);
    if (!existing) {
      byKey.set(key, newRule(delta, now));
      grew = true;
      continue;
    }
    const ports = sortedUnion(existing.ports, delta.ports);
    const domains = sortedUnion(existing.domains, delta.domains);
    const evidence = { ...existing.evidence, examples: [...existing.evidence.examples] };
    mergeEvidence(evidence, delta.evidence);
    const changed = ports.grew || domains.grew;
    grew ||= changed;
    byKey.set(key, {
      ...existing,
      ports: ports.values as number[],
      domains: domains.values as string[],
      lastUpdated: changed ? now : existing.lastUpdated,
      evidence,
    });
  }
  return { rules: [...byKey.values()], grew };
}

/** A copy of `rec` with the namespace's deltas folded in; `grew` says whether any rule changed. */
export function mergeDelta(rec: Recommendation, delta: NamespaceDelta, now: string): { rec: Recommendation; grew: boolean } {
  const out: Recommendation = { ...rec };
  let grew = false;
  for (const dir of ['egress', 'ingress'] as Direction[]) {
    if (delta[dir].size === 0) continue;
    const merged = mergeDirection(rec[dir], delta[dir], now);
    out[dir] = merged.rules;
    grew ||= merged.grew;
  }
  return { rec: out, grew };
}
