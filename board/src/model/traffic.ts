import type { Details } from '../api/types';

/**
 * The traffic map: one node per namespace of the board, external peers grouped by kind, one edge
 * per learned rule direction (deduplicated). Laid out on two rings: namespaces inside, the
 * outside world around them.
 */
export type NodeKind = 'namespace' | 'domains' | 'private' | 'public' | 'networkset';

export interface MapNode {
  readonly id: string;
  readonly label: string;
  readonly kind: NodeKind;
  /** The board has a recommendation for it (clicking opens its details). */
  readonly onBoard: boolean;
  readonly x: number;
  readonly y: number;
}

export interface MapEdge {
  readonly from: string;
  readonly to: string;
}

export interface TrafficMap {
  readonly nodes: MapNode[];
  readonly edges: MapEdge[];
  readonly width: number;
  readonly height: number;
}

const EXTERNAL: Record<string, { id: string; label: string; kind: NodeKind }> = {
  Domains: { id: 'ext:domains', label: 'Domains', kind: 'domains' },
  Private: { id: 'ext:private', label: 'Private networks', kind: 'private' },
  Public: { id: 'ext:public', label: 'Public internet', kind: 'public' },
  NetworkSet: { id: 'ext:networksets', label: 'Network sets', kind: 'networkset' },
};

/** The peer node of a rule: a namespace (Namespace and Service kinds) or an external group. */
function peerNode(rule: Details['rules']['egress'][number]): { id: string; label: string; kind: NodeKind } {
  if (rule.kind === 'Namespace' && rule.peer.name) return { id: `ns:${rule.peer.name}`, label: rule.peer.name, kind: 'namespace' };
  if (rule.kind === 'Service' && rule.peer.namespace) return { id: `ns:${rule.peer.namespace}`, label: rule.peer.namespace, kind: 'namespace' };
  return EXTERNAL[rule.kind] ?? EXTERNAL.Public!;
}

export function buildTrafficMap(namespaces: readonly string[], details: readonly Pick<Details, 'namespace' | 'rules'>[], size = 720): TrafficMap {
  const known = new Map<string, { id: string; label: string; kind: NodeKind; onBoard: boolean }>();
  for (const ns of [...namespaces].sort()) known.set(`ns:${ns}`, { id: `ns:${ns}`, label: ns, kind: 'namespace', onBoard: true });
  const edges = new Map<string, MapEdge>();
  for (const d of details) {
    const self = `ns:${d.namespace}`;
    if (!known.has(self)) known.set(self, { id: self, label: d.namespace, kind: 'namespace', onBoard: true });
    for (const [direction, rules] of [
      ['egress', d.rules.egress],
      ['ingress', d.rules.ingress],
    ] as const) {
      for (const rule of rules) {
        const peer = peerNode(rule);
        if (!known.has(peer.id)) known.set(peer.id, { ...peer, onBoard: false });
        if (peer.id === self) continue;
        const edge = direction === 'egress' ? { from: self, to: peer.id } : { from: peer.id, to: self };
        edges.set(`${edge.from}>${edge.to}`, edge);
      }
    }
  }
  const center = size / 2;
  // Three rings: the board's namespaces, other namespaces they talk to, the outside world.
  const all = [...known.values()];
  const board = all.filter((n) => n.kind === 'namespace' && n.onBoard);
  const others = all.filter((n) => n.kind === 'namespace' && !n.onBoard);
  const outer = all.filter((n) => n.kind !== 'namespace');
  const place = (list: typeof all, radius: number, offset: number): MapNode[] =>
    list.map((n, i) => {
      const angle = offset + (2 * Math.PI * i) / Math.max(list.length, 1);
      return { ...n, x: Math.round(center + radius * Math.cos(angle)), y: Math.round(center + radius * Math.sin(angle)) };
    });
  const nodes = [
    ...place(board, others.length || outer.length ? size * 0.2 : size * 0.36, -Math.PI / 2),
    ...place(others, size * 0.32, -Math.PI / 2 + Math.PI / Math.max(others.length, 1)),
    ...place(outer, size * 0.43, -Math.PI / 4),
  ];
  return { nodes, edges: [...edges.values()].sort((a, b) => (`${a.from}>${a.to}` < `${b.from}>${b.to}` ? -1 : 1)), width: size, height: size };
}
