import type { Action, Summary, Tab } from '../api/types';

/** Pure view-model functions of the board table: counts, actions, sorting, filtering, selection. */

export function countByTab(rows: readonly Summary[]): Record<Tab, number> {
  const counts: Record<Tab, number> = { recommendations: 0, active: 0, dismissed: 0, enforced: 0 };
  for (const r of rows) counts[r.tab] += 1;
  return counts;
}

/**
 * What can be done from a tab. Enforce exists only where the server reports readiness (the
 * preview-impact feature); without it there is nothing to base the decision on.
 */
export function actionsFor(tab: Tab, rows: readonly Summary[]): Action[] {
  switch (tab) {
    case 'recommendations':
      return ['activate', 'dismiss'];
    case 'active':
      return rows.some((r) => r.readiness !== undefined) ? ['enforce', 'dismiss'] : ['dismiss'];
    case 'dismissed':
      return ['reactivate'];
    case 'enforced':
      return [];
  }
}

export type SortKey = 'namespace' | 'status' | 'readiness' | 'lastUpdated' | 'rules' | 'warnings';
export interface Sort {
  readonly key: SortKey;
  readonly descending: boolean;
}

function sortValue(r: Summary, key: SortKey): string | number {
  switch (key) {
    case 'namespace':
      return r.namespace;
    case 'status':
      return r.status;
    case 'readiness':
      return r.readiness ?? '';
    case 'lastUpdated':
      return r.lastUpdated;
    case 'rules':
      return r.ruleCounts.egress + r.ruleCounts.ingress;
    case 'warnings':
      return r.warnings.length;
  }
}

export function sortRows(rows: readonly Summary[], sort: Sort): Summary[] {
  const dir = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const va = sortValue(a, sort.key);
    const vb = sortValue(b, sort.key);
    if (va !== vb) return (va < vb ? -1 : 1) * dir;
    return a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0;
  });
}

/** Case-insensitive match on the namespace, status and warnings. */
export function filterRows(rows: readonly Summary[], text: string): Summary[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [...rows];
  return rows.filter((r) => [r.namespace, r.status, ...r.warnings].some((v) => v.toLowerCase().includes(needle)));
}

/** After a refresh, the selection keeps only namespaces still shown in the tab. */
export function keepSelection(selected: ReadonlySet<string>, visible: readonly Summary[]): Set<string> {
  const names = new Set(visible.map((r) => r.namespace));
  return new Set([...selected].filter((n) => names.has(n)));
}

export function toggle(selected: ReadonlySet<string>, namespace: string): Set<string> {
  const next = new Set(selected);
  if (next.has(namespace)) next.delete(namespace);
  else next.add(namespace);
  return next;
}
