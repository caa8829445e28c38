import { stringify } from 'yaml';
import type { RunStats } from '../core/stats';

/** One YAML document; long lines are never folded so selectors stay on one line. */
export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, minContentWidth: 0 });
}

export function toYamlStream(values: readonly unknown[]): string {
  return values.map((v) => `---\n${toYaml(v)}`).join('');
}

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

/** The one-line summary printed on stderr after a run. */
export function summaryLine(stats: RunStats, objects: number, namespaces: number): string {
  return (
    `objects ${objects}, records read ${stats.recordsRead}, used ${stats.recordsUsed}, ` +
    `rejected ${total(stats.rejected)}${reasons(stats.rejected)}, skipped ${total(stats.skipped)}${reasons(stats.skipped)}, ` +
    `recommendations ${namespaces}`
  );
}
