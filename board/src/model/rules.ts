import type { Details, RuleKind, RuleView } from '../api/types';
import { RULE_KIND_LABELS } from './words';

export type Direction = 'egress' | 'ingress';
export interface DirectedRule extends RuleView {
  readonly direction: Direction;
}
export interface RuleGroup {
  readonly kind: RuleKind;
  readonly label: string;
  readonly rules: readonly DirectedRule[];
}

const KIND_ORDER: readonly RuleKind[] = ['Domains', 'Service', 'Namespace', 'NetworkSet', 'Private', 'Public'];

/** Rules grouped by kind, in the board's order; empty groups are left out. */
export function groupRules(details: Pick<Details, 'rules'>): RuleGroup[] {
  const all: DirectedRule[] = [
    ...details.rules.egress.map((r) => ({ ...r, direction: 'egress' as const })),
    ...details.rules.ingress.map((r) => ({ ...r, direction: 'ingress' as const })),
  ];
  return KIND_ORDER.map((kind) => ({ kind, label: RULE_KIND_LABELS[kind], rules: all.filter((r) => r.kind === kind) })).filter((g) => g.rules.length > 0);
}

/** Who is on the other side of a rule, in words. */
export function peerText(r: RuleView): string {
  switch (r.kind) {
    case 'Domains':
      return (r.domains ?? []).join(', ') || 'domains';
    case 'Service':
      return `service ${r.peer.namespace ? `${r.peer.namespace}/` : ''}${r.peer.name ?? ''}`;
    case 'Namespace':
      return `namespace ${r.peer.name ?? ''}`;
    case 'NetworkSet':
      return `network set ${r.peer.global ? '(global) ' : r.peer.namespace ? `${r.peer.namespace}/` : ''}${r.peer.name ?? ''}`;
    case 'Private':
      return 'private network addresses';
    case 'Public':
      return 'public internet addresses';
  }
}

export function portsText(r: RuleView): string {
  return r.ports.length ? `${r.protocol} ${r.ports.join(', ')}` : r.protocol;
}
