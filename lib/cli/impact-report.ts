import { rfc3339 } from '../core/engine';
import { foldImpact, type ImpactAggregate, type ImpactExample } from '../core/impact';

/** One namespace of `recommend --impact`: what its staged policy decided in the logs read. */
export interface ImpactRow {
  readonly namespace: string;
  readonly flowsObserved: number;
  readonly wouldDeny: { readonly flows: number; readonly lastSeen: string | null; readonly examples: readonly ImpactExample[] };
}

/** Every verdict in the logs counts: a one-shot run has no stored rules, so no window. */
export function impactRows(impact: ImpactAggregate): ImpactRow[] {
  const rows: ImpactRow[] = [];
  for (const namespace of [...impact.keys()].sort()) {
    const counted = foldImpact(undefined, rfc3339(0), 0, impact.get(namespace));
    if (counted === undefined) continue;
    rows.push({
      namespace,
      flowsObserved: counted.flowsObserved,
      wouldDeny: {
        flows: counted.wouldDenyFlows,
        lastSeen: counted.wouldDenyLastSeen > 0 ? rfc3339(counted.wouldDenyLastSeen) : null,
        examples: counted.examples,
      },
    });
  }
  return rows;
}

function example(e: ImpactExample): string {
  const proto = e.protocol ?? '-';
  return `${e.direction} ${e.port === null ? proto : `${proto}/${e.port}`} ${e.peer}`;
}

/** A plain-text table, one line per namespace plus one per would-deny example. */
export function impactTable(rows: readonly ImpactRow[]): string {
  if (rows.length === 0) return 'no staged verdicts of our policies in these flow logs\n';
  const header = ['NAMESPACE', 'FLOWS', 'WOULD DENY', 'LAST SEEN'];
  const cells = rows.map((r) => [r.namespace, String(r.flowsObserved), String(r.wouldDeny.flows), r.wouldDeny.lastSeen ?? '-']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: readonly string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  const out = [line(header)];
  rows.forEach((r, i) => {
    out.push(line(cells[i] as string[]));
    for (const e of r.wouldDeny.examples) out.push(`  would deny: ${example(e)}`);
  });
  return `${out.join('\n')}\n`;
}
