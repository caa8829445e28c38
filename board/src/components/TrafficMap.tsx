import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { Details, Summary } from '../api/types';
import { buildTrafficMap, type MapNode } from '../model/traffic';

/** Beyond this many namespaces the map would need a request per namespace too many. */
const MAX_NAMESPACES = 80;
const R = 26;

/** The learned traffic between the cluster's namespaces as a picture; a node opens its details. */
export function TrafficMapView(props: { client: ApiClient; cluster: string; rows: Summary[]; onOpen: (namespace: string) => void }) {
  const [details, setDetails] = useState<Details[]>([]);
  const shown = props.rows.slice(0, MAX_NAMESPACES);
  // Reload only when a recommendation changed, not on every refresh.
  const version = shown.map((r) => `${r.namespace}@${r.lastUpdated}`).join(',');
  useEffect(() => {
    let live = true;
    void Promise.all(shown.map((r) => props.client.details(props.cluster, r.namespace).catch(() => undefined))).then((all) => {
      if (live) setDetails(all.filter((d): d is Details => d !== undefined));
    });
    return () => {
      live = false;
    };
  }, [props.cluster, version]);

  const map = buildTrafficMap(
    shown.map((r) => r.namespace),
    details,
  );
  const byId = new Map(map.nodes.map((n) => [n.id, n]));
  const open = (n: MapNode) => n.onBoard && props.onOpen(n.label);
  return (
    <section class="traffic" aria-labelledby="traffic-title">
      <h2 id="traffic-title">Traffic map</h2>
      {props.rows.length > MAX_NAMESPACES && <p class="notice">Showing the first {MAX_NAMESPACES} namespaces.</p>}
      <svg viewBox={`0 0 ${map.width} ${map.height}`} role="img" aria-labelledby="traffic-title traffic-desc" class="map">
        <desc id="traffic-desc">One circle per namespace, grouped external peers around them, an arrow per learned rule direction.</desc>
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead" />
          </marker>
        </defs>
        {map.edges.map((e) => {
          const a = byId.get(e.from)!;
          const b = byId.get(e.to)!;
          const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
          const [dx, dy] = [(b.x - a.x) / len, (b.y - a.y) / len];
          return (
            <line key={`${e.from}>${e.to}`} class="edge" x1={a.x + dx * R} y1={a.y + dy * R} x2={b.x - dx * (R + 2)} y2={b.y - dy * (R + 2)} marker-end="url(#arrow)">
              <title>
                {a.label} → {b.label}
              </title>
            </line>
          );
        })}
        {map.nodes.map((n) => (
          <g
            key={n.id}
            class={`node ${n.kind}${n.onBoard ? ' on-board' : ''}`}
            data-node={n.label}
            transform={`translate(${n.x} ${n.y})`}
            {...(n.onBoard ? { role: 'button', tabIndex: 0, 'aria-label': `Open details of ${n.label}` } : {})}
            onClick={() => open(n)}
            onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && open(n)}
          >
            <circle r={R} />
            <text y={R + 14} text-anchor="middle">
              {n.label}
            </text>
          </g>
        ))}
      </svg>
    </section>
  );
}
