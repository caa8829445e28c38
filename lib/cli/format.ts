import type { RunStats } from '../core/stats';

function reasons(counts: Partial<Record<string, number>>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => (n ?? 0) > 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, n]) => `${k} ${n}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function total(counts: Partial<Record<string, number>>): number {
  return Object.values(counts).reduce<number>((a, n) => a + (n ?? 0), 0);
}

/** The one-line summary printed on stderr after a run. Dropped values appear only when there are some. */
export function summaryLine(stats: RunStats, objects: number, namespaces: number): string {
  const dropped = total(stats.dropped);
  return (
    `objects ${objects}, records read ${stats.recordsRead}, used ${stats.recordsUsed}, ` +
    `rejected ${total(stats.rejected)}${reasons(stats.rejected)}, skipped ${total(stats.skipped)}${reasons(stats.skipped)}, ` +
    (dropped > 0 ? `dropped values ${dropped}${reasons(stats.dropped)}, ` : '') +
    `recommendations ${namespaces}`
  );
}
