import type { Rule } from './model';

/** Rendered kinds in Calico's order (docs/engine.md). */
export const KIND_ORDER = ['Domains', 'DomainSet', 'Service', 'Namespace', 'NetworkSet', 'Private', 'Public'] as const;
export type RenderedKind = (typeof KIND_ORDER)[number];

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparePorts(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}

/** What a rule is sorted by: kind, protocol name, ports, then peer name (a total order). */
export interface Sortable {
  readonly kind: RenderedKind;
  readonly protocol: string;
  readonly ports: readonly number[];
  readonly peerName: string;
}

export function compareSortable(a: Sortable, b: Sortable): number {
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || compareText(a.protocol, b.protocol) || comparePorts(a.ports, b.ports) || compareText(a.peerName, b.peerName);
}

/** Peer name used for ordering; unique per key within a kind and protocol. */
export function peerSortName(rule: Rule): string {
  if (rule.kind === 'Domains') return rule.domains.join(',');
  const p = rule.peer;
  return `${p.name ?? ''}/${p.global ? '' : (p.namespace ?? '')}`;
}

export function sortRules<T extends Rule>(rules: readonly T[]): T[] {
  return [...rules].sort((a, b) => compareSortable(asSortable(a), asSortable(b)));
}

export function asSortable(rule: Rule): Sortable {
  return { kind: rule.kind, protocol: rule.protocol, ports: rule.ports, peerName: peerSortName(rule) };
}
