import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { Action, BulkResult, Cluster, ScopeSpec, Summary, Tab } from '../api/types';
import { actionsFor, countByTab, filterRows, keepSelection, sortRows, type Sort } from '../model/board';
import { emptyReason } from '../model/cluster';
import { problemNotice, type Notice } from '../model/notice';
import { ACTION_LABELS, TABS, bulkStatusText } from '../model/words';
import { BoardTable } from './BoardTable';
import { Details } from './Details';
import { Settings } from './Settings';
import { TrafficMapView } from './TrafficMap';

/** One cluster's board: tabs with counts, filter, sortable rows, bulk actions, details, settings, map. */
export function ClusterBoard(props: { client: ApiClient; cluster: Cluster; scope?: ScopeSpec; canAct: boolean; tick: number; onScopeChanged: (s: ScopeSpec) => void }) {
  const { client, cluster } = props;
  const [rows, setRows] = useState<Summary[] | undefined>();
  const [tab, setTab] = useState<Tab>('recommendations');
  const [sort, setSort] = useState<Sort>({ key: 'namespace', descending: false });
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [results, setResults] = useState<{ action: Action; items: BulkResult[] } | undefined>();
  const [notice, setNotice] = useState<Notice | undefined>();
  const [open, setOpen] = useState<string | undefined>();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setRows(await client.recommendations(cluster.id));
    } catch (err) {
      setNotice({ kind: 'error', text: (err as Error).message });
    }
  }, [client, cluster.id]);
  // The workspace ticks every refresh (15 s, or after a change): the rows follow.
  useEffect(() => void load(), [load, props.tick]);

  const inTab = rows?.filter((r) => r.tab === tab) ?? [];
  const visible = sortRows(filterRows(inTab, filter), sort);
  useEffect(() => setSelected((s) => keepSelection(s, visible)), [rows, tab, filter]);
  const counts = countByTab(rows ?? []);
  const actions = actionsFor(tab, inTab);

  const act = async (action: Action, namespaces: string[]) => {
    if (action === 'enforce' && namespaces.length === 1) return setOpen(namespaces[0]); // impact first
    setBusy(true);
    setNotice(undefined);
    try {
      if (namespaces.length === 1) {
        await client.act(cluster.id, namespaces[0]!, action);
        setResults({ action, items: [{ namespace: namespaces[0]!, status: 'changed' }] });
      } else {
        setResults({ action, items: await client.bulk(cluster.id, action, namespaces) });
      }
      setSelected(new Set());
    } catch (err) {
      setNotice(problemNotice(err, namespaces));
    } finally {
      setBusy(false);
      await load();
    }
  };

  return (
    <section class="board" aria-labelledby="board-title">
      <div class="board-head">
        <h2 id="board-title">Policy recommendations of {cluster.id}</h2>
        <button type="button" onClick={() => setSettingsOpen(true)}>
          Global settings
        </button>
      </div>
      <div role="tablist" aria-label="Recommendation tabs" class="tabs" onKeyDown={(e) => moveTab(e, tab, setTab)}>
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            tabIndex={tab === t.id ? 0 : -1}
            aria-controls="board-panel"
            onClick={() => {
              setTab(t.id);
              setResults(undefined);
            }}
          >
            {t.label} <span class="count">{counts[t.id]}</span>
          </button>
        ))}
      </div>
      <div class="board-body">
        <div id="board-panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
          <div class="toolbar">
            <label>
              Filter <input type="search" value={filter} placeholder="namespace, status, warning" onInput={(e) => setFilter(e.currentTarget.value)} />
            </label>
            <span class="selection" aria-live="polite">
              {selected.size ? `${selected.size} selected` : ''}
            </span>
            {actions.map((a) => (
              <button
                key={a}
                type="button"
                disabled={!props.canAct || selected.size === 0 || busy}
                title={!props.canAct ? 'Read-only: your role is viewer' : selected.size === 0 ? 'Select namespaces first' : undefined}
                onClick={() => void act(a, [...selected])}
              >
                {ACTION_LABELS[a]} ({selected.size})
              </button>
            ))}
          </div>
          {notice && (
            <p role="alert" class={`notice ${notice.kind}`}>
              {notice.text}
            </p>
          )}
          {results && (
            <div class="results" role="status">
              <strong>{ACTION_LABELS[results.action]}:</strong>
              <ul>
                {results.items.map((r) => (
                  <li key={r.namespace} class={r.status === 'changed' || r.status === 'unchanged' ? 'ok' : 'bad'}>
                    {r.namespace}: {bulkStatusText(r.status, r.tab)}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {rows === undefined ? (
            <p aria-busy="true">Loading…</p>
          ) : visible.length === 0 ? (
            <p class="empty">{emptyReason(tab, cluster, props.scope, filter, rows.length)}</p>
          ) : (
            <BoardTable
              rows={visible}
              actions={actions}
              sort={sort}
              onSort={setSort}
              selected={selected}
              onSelect={setSelected}
              canAct={props.canAct && !busy}
              onAct={(a, ns) => void act(a, [ns])}
              onOpen={setOpen}
            />
          )}
        </div>
        {rows && <TrafficMapView client={client} cluster={cluster.id} rows={rows} onOpen={setOpen} />}
      </div>
      {open && <Details client={client} cluster={cluster.id} namespace={open} canAct={props.canAct} onClose={() => setOpen(undefined)} onChanged={load} />}
      {settingsOpen && (
        <Settings
          client={client}
          cluster={cluster.id}
          canAct={props.canAct}
          onClose={() => setSettingsOpen(false)}
          onSaved={(s) => {
            props.onScopeChanged(s);
            setSettingsOpen(false);
            setNotice({ kind: 'info', text: 'Global settings saved.' });
          }}
        />
      )}
    </section>
  );
}

/** Arrow keys move between tabs, as in any tab list. */
function moveTab(e: KeyboardEvent, current: Tab, select: (t: Tab) => void) {
  const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
  if (!step) return;
  const i = TABS.findIndex((t) => t.id === current);
  const next = TABS[(i + step + TABS.length) % TABS.length]!;
  select(next.id);
  document.getElementById(`tab-${next.id}`)?.focus();
}
