import type { Direction, Evidence, Recommendation, Rule } from './model';
import { ruleKey } from './rule-key';

/**
 * A recommendation is stored as two items (rules, and their evidence), each of which must stay
 * under DynamoDB's 400 KB whatever the names and counts. The budget is measured on the JSON text,
 * which is larger than DynamoDB's own count for these shapes, and leaves room for the item's keys
 * and bookkeeping attributes.
 */
export const ITEM_BUDGET_BYTES = 300 * 1024;

export type EvidenceMap = Record<string, Evidence>;

/** The identity of a rule within its recommendation (direction included). */
export function evidenceKey(direction: Direction, rule: Rule): string {
  return `${direction}|${ruleKey(rule.kind, rule.protocol, rule.peer, rule.kind === 'Domains' ? (rule.ports[0] ?? null) : null)}`;
}

/** A rule as stored with the rules (its evidence lives elsewhere). */
export type StoredRule = Omit<Rule, 'evidence'>;
export type StoredRules = Omit<Recommendation, 'egress' | 'ingress'> & { egress: StoredRule[]; ingress: StoredRule[] };

/** Splits a recommendation into what changes rarely (rules, state) and what changes with every batch (evidence). */
export function splitEvidence(rec: Recommendation): { rules: StoredRules; evidence: EvidenceMap } {
  const evidence: EvidenceMap = {};
  const strip =
    (direction: Direction) =>
    (rule: Rule): StoredRule => {
      const { evidence: e, ...rest } = rule;
      evidence[evidenceKey(direction, rule)] = e;
      return rest;
    };
  return { rules: { ...rec, egress: rec.egress.map(strip('egress')), ingress: rec.ingress.map(strip('ingress')) }, evidence };
}

export const NO_EVIDENCE: Evidence = Object.freeze({ firstSeen: 0, lastSeen: 0, records: 0, flows: 0, bytesIn: 0, bytesOut: 0, examples: [] as string[] });

/** The inverse of splitEvidence; rules without stored evidence get none (zeros). */
export function joinEvidence(rules: StoredRules, evidence: EvidenceMap | undefined): Recommendation {
  const join =
    (direction: Direction) =>
    (rule: StoredRule): Rule => ({ ...rule, evidence: evidence?.[evidenceKey(direction, { ...rule, evidence: NO_EVIDENCE })] ?? { ...NO_EVIDENCE, examples: [] } });
  return { ...rules, egress: rules.egress.map(join('egress')), ingress: rules.ingress.map(join('ingress')) };
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/**
 * Keeps a recommendation within the item budget: when its rules or their evidence are too large,
 * the most recently changed rules are dropped (the last ones learned) until both fit, and the
 * recommendation carries `RuleLimitReached`. Returns how many records the dropped rules held.
 */
export function fitItemBudget(rec: Recommendation, budget = ITEM_BUDGET_BYTES): { rec: Recommendation; droppedRecords: number } {
  const fits = (r: Recommendation) => {
    const { rules, evidence } = splitEvidence(r);
    return bytes(rules) <= budget && bytes(evidence) <= budget;
  };
  if (fits(rec)) return { rec, droppedRecords: 0 };
  // Oldest first, newest last; ties by position so the outcome is deterministic.
  const order = [...rec.egress.map((r, i) => ({ r, d: 'egress' as const, i })), ...rec.ingress.map((r, i) => ({ r, d: 'ingress' as const, i }))].sort((a, b) =>
    a.r.lastUpdated < b.r.lastUpdated ? -1 : a.r.lastUpdated > b.r.lastUpdated ? 1 : a.d === b.d ? a.i - b.i : a.d === 'egress' ? -1 : 1,
  );
  // Binary search on how many of the oldest rules are kept.
  let lo = 0;
  let hi = order.length;
  const keep = (n: number): Recommendation => {
    const kept = new Set(order.slice(0, n).map((o) => o.r));
    return {
      ...rec,
      egress: rec.egress.filter((r) => kept.has(r)),
      ingress: rec.ingress.filter((r) => kept.has(r)),
      warnings: rec.warnings.includes('RuleLimitReached') ? rec.warnings : [...rec.warnings, 'RuleLimitReached'],
    };
  };
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(keep(mid))) lo = mid;
    else hi = mid - 1;
  }
  const droppedRecords = order.slice(lo).reduce((sum, o) => sum + o.r.evidence.records, 0);
  return { rec: keep(lo), droppedRecords };
}
