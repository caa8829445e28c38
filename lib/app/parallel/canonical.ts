import type { BatchAggregate, NamespaceDelta, RuleDelta } from '../../core/engine';
import type { RunStats } from '../../core/stats';

const byKey = <V>(entries: Iterable<[string, V]>): [string, V][] => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function sortedCounts<T extends Partial<Record<string, number>>>(counts: T): T {
  return Object.fromEntries(byKey(Object.entries(counts) as [string, number][])) as T;
}

/**
 * The same aggregate with namespaces, rule keys, ports, domains and statistic keys in sorted
 * order. Map and Set iteration order follows insertion, which depends on how records were split
 * between threads; downstream code (fold, stats output) iterates them, so sorting makes the whole
 * result independent of the split.
 */
export function canonicalAggregate(agg: BatchAggregate): BatchAggregate {
  const namespaces = new Map<string, NamespaceDelta>();
  for (const [ns, delta] of byKey(agg.namespaces)) {
    namespaces.set(ns, { egress: sortRules(delta.egress), ingress: sortRules(delta.ingress), records: delta.records });
  }
  const stats: RunStats = { ...agg.stats, rejected: sortedCounts(agg.stats.rejected), skipped: sortedCounts(agg.stats.skipped), dropped: sortedCounts(agg.stats.dropped) };
  // Impact counters are sums and bounded example sets: their report sorts what it prints.
  return agg.impact === undefined ? { namespaces, stats } : { namespaces, stats, impact: agg.impact };
}

function sortRules(rules: ReadonlyMap<string, RuleDelta>): Map<string, RuleDelta> {
  const out = new Map<string, RuleDelta>();
  for (const [key, d] of byKey(rules)) {
    out.set(key, { ...d, ports: sortedSet(d.ports, byNumber), domains: sortedSet(d.domains, byText) });
  }
  return out;
}

const byNumber = (a: number, b: number): number => a - b;
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A new Set in sorted order (most hold zero or one value: nothing to sort). */
function sortedSet<T>(values: ReadonlySet<T>, compare: (a: T, b: T) => number): Set<T> {
  return values.size < 2 ? new Set(values) : new Set([...values].sort(compare));
}
