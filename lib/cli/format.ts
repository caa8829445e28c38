import { CORE_SCHEMA, dump } from 'js-yaml';
import type { RunStats } from '../core/stats';

/**
 * One YAML document; long lines are never folded so selectors stay on one line, and shared
 * objects are written out in full (no anchors or aliases). The core schema quotes exactly the
 * strings a YAML 1.2 reader would take for another type. js-yaml rather than `yaml` (which
 * parses our inputs): it writes the same text 3.5× faster, which matters for the CLI's output
 * of thousands of policies (README.md, Performance).
 */
export function toYaml(value: unknown): string {
  return dump(value, { schema: CORE_SCHEMA, lineWidth: -1, noRefs: true });
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
