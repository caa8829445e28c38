import type { Cluster, ScopeSpec } from '../api/types';
import { clusterHealth } from '../model/cluster';

/** Every registered cluster with its health; choosing one opens its board. */
export function Clusters(props: { clusters: Cluster[]; scopes: Record<string, ScopeSpec>; selected?: string; onSelect: (id: string) => void; nowMs: number }) {
  if (props.clusters.length === 0) {
    return <p class="empty">No cluster is registered yet: register one with PUT /clusters/&#123;cluster&#125; (see the API documentation).</p>;
  }
  return (
    <section aria-labelledby="clusters-title" class="clusters">
      <h2 id="clusters-title">Clusters</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Cluster</th>
              <th scope="col">Recommendations</th>
              <th scope="col">Last processing run</th>
              <th scope="col">Last push</th>
              <th scope="col">Backlog</th>
              <th scope="col">Health</th>
            </tr>
          </thead>
          <tbody>
            {props.clusters.map((c) => {
              const h = clusterHealth(c, props.nowMs);
              const recStatus = props.scopes[c.id]?.namespaceSpec.recStatus;
              return (
                <tr key={c.id} class={c.id === props.selected ? 'current' : ''} aria-current={c.id === props.selected ? 'true' : undefined}>
                  <td>
                    <button type="button" class="link" onClick={() => props.onSelect(c.id)}>
                      {c.id}
                    </button>
                  </td>
                  <td>{recStatus === 'Enabled' ? 'enabled' : recStatus === 'Disabled' ? 'disabled' : '—'}</td>
                  <td title={c.lastRun?.startedAt}>{h.run}</td>
                  <td title={c.lastPush?.startedAt}>{h.push}</td>
                  <td>{h.backlog}</td>
                  <td>{h.ok ? <span class="ok">OK</span> : <span class="bad">{h.errors.join('; ')}</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
