import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { Cluster, ScopeSpec } from '../api/types';
import type { Role } from '../auth/token';
import { VIEWER_REASON } from '../model/words';
import { ClusterBoard } from './ClusterBoard';
import { Clusters } from './Clusters';
import { useLiveRefresh } from './live';

/** The signed-in page: who you are, the clusters with their health, the selected cluster's board. */
export function Workspace(props: { client: ApiClient; role: Role; subject?: string; onSignOut: () => void }) {
  const { client, role } = props;
  const [clusters, setClusters] = useState<Cluster[] | undefined>();
  const [scopes, setScopes] = useState<Record<string, ScopeSpec>>({});
  const [selected, setSelected] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [tick, setTick] = useState(0);
  const [nowMs, setNowMs] = useState(Date.now());

  const refresh = useCallback(async () => {
    try {
      const list = await client.clusters();
      const entries = await Promise.all(list.map(async (c) => [c.id, await client.scope(c.id).catch(() => undefined)] as const));
      setClusters(list);
      setScopes(Object.fromEntries(entries.filter((e): e is readonly [string, ScopeSpec] => e[1] !== undefined)));
      setSelected((s) => (s && list.some((c) => c.id === s) ? s : list[0]?.id));
      setError(undefined);
    } catch (err) {
      setError((err as Error).message);
    }
    setNowMs(Date.now());
    setTick((t) => t + 1);
  }, [client]);

  useEffect(() => void refresh(), [refresh]);
  useLiveRefresh(refresh);

  const cluster = clusters?.find((c) => c.id === selected);
  return (
    <div class="workspace">
      <header class="top">
        <h1>Policy Recommendations</h1>
        <span class="who">
          {props.subject ?? 'signed in'} · <strong>{role === 'admin' ? 'admin' : role === 'viewer' ? 'viewer' : 'no role'}</strong>
        </span>
        <button type="button" onClick={props.onSignOut}>
          Sign out
        </button>
      </header>
      {role !== 'admin' && (
        <p class="notice" role="note">
          {VIEWER_REASON}
        </p>
      )}
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      {clusters === undefined ? (
        <p aria-busy="true">Loading clusters…</p>
      ) : (
        <Clusters clusters={clusters} scopes={scopes} selected={selected} onSelect={setSelected} nowMs={nowMs} />
      )}
      {cluster && (
        <ClusterBoard
          key={cluster.id}
          client={client}
          cluster={cluster}
          scope={scopes[cluster.id]}
          canAct={role === 'admin'}
          tick={tick}
          onScopeChanged={(s) => setScopes((all) => ({ ...all, [cluster.id]: s }))}
        />
      )}
    </div>
  );
}
