import type { Action, Summary } from '../api/types';
import { toggle, type Sort, type SortKey } from '../model/board';
import { ACTION_LABELS, VIEWER_REASON, readinessText, warningText } from '../model/words';

const COLUMNS: readonly { key: SortKey; label: string }[] = [
  { key: 'namespace', label: 'Namespace' },
  { key: 'status', label: 'Status' },
  { key: 'readiness', label: 'Readiness' },
  { key: 'lastUpdated', label: 'Last updated' },
  { key: 'rules', label: 'Rules' },
  { key: 'warnings', label: 'Warnings' },
];

export interface BoardTableProps {
  rows: Summary[];
  actions: Action[];
  sort: Sort;
  onSort: (s: Sort) => void;
  selected: ReadonlySet<string>;
  onSelect: (s: Set<string>) => void;
  canAct: boolean;
  onAct: (action: Action, namespace: string) => void;
  onOpen: (namespace: string) => void;
}

/** The rows of one tab: selectable, sortable by any column, each with its own action menu. */
export function BoardTable(p: BoardTableProps) {
  const showReadiness = p.rows.some((r) => r.readiness !== undefined);
  const columns = COLUMNS.filter((c) => c.key !== 'readiness' || showReadiness);
  const all = p.rows.length > 0 && p.rows.every((r) => p.selected.has(r.namespace));
  return (
    <div class="table-wrap">
      <table class="recs">
        <thead>
          <tr>
            <th scope="col">
              <input type="checkbox" aria-label="Select all" checked={all} onChange={() => p.onSelect(all ? new Set() : new Set(p.rows.map((r) => r.namespace)))} />
            </th>
            {columns.map((c) => (
              <th key={c.key} scope="col" aria-sort={p.sort.key === c.key ? (p.sort.descending ? 'descending' : 'ascending') : 'none'}>
                <button type="button" class="sort" onClick={() => p.onSort({ key: c.key, descending: p.sort.key === c.key ? !p.sort.descending : false })}>
                  {c.label}
                  {p.sort.key === c.key ? (p.sort.descending ? ' ▼' : ' ▲') : ''}
                </button>
              </th>
            ))}
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr key={r.namespace} data-namespace={r.namespace} class={p.selected.has(r.namespace) ? 'selected' : ''}>
              <td class="pick">
                <input type="checkbox" aria-label={`Select ${r.namespace}`} checked={p.selected.has(r.namespace)} onChange={() => p.onSelect(toggle(p.selected, r.namespace))} />
              </td>
              <td class="ns">
                <button type="button" class="link" onClick={() => p.onOpen(r.namespace)}>
                  {r.namespace}
                </button>
              </td>
              <td data-label="Status">{r.status}</td>
              {showReadiness && <td data-label="Readiness">{readinessText(r.readiness)}</td>}
              <td data-label="Last updated" title={r.lastUpdated}>
                {r.lastUpdated.replace('T', ' ').replace('Z', ' UTC')}
              </td>
              <td data-label="Rules">
                {r.ruleCounts.egress} egress, {r.ruleCounts.ingress} ingress
              </td>
              <td data-label="Warnings">{r.warnings.length ? <span title={r.warnings.map(warningText).join('\n')}>⚠ {r.warnings.join(', ')}</span> : '—'}</td>
              <td class="row-actions">
                {p.actions.map((a) => (
                  <button
                    key={a}
                    type="button"
                    disabled={!p.canAct}
                    title={p.canAct ? undefined : VIEWER_REASON}
                    aria-label={`${ACTION_LABELS[a]}: ${r.namespace}`}
                    onClick={() => p.onAct(a, r.namespace)}
                  >
                    {ACTION_LABELS[a]}
                  </button>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
