import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { Details as DetailsShape } from '../api/types';
import { formatBytes } from '../model/format';
import { groupRules, peerText, portsText } from '../model/rules';
import { ACTION_LABELS, VIEWER_REASON, readinessText, warningText } from '../model/words';
import { problemNotice, type Notice } from '../model/notice';
import { Impact } from './Impact';

/** One recommendation: rules by kind with their evidence, warnings, impact, and the manifest. */
export function Details(props: { client: ApiClient; cluster: string; namespace: string; canAct: boolean; onClose: () => void; onChanged: () => Promise<void> }) {
  const { client, cluster, namespace } = props;
  const [details, setDetails] = useState<DetailsShape | undefined>();
  const [yaml, setYaml] = useState('');
  const [notice, setNotice] = useState<Notice | undefined>();
  const [force, setForce] = useState(false);

  const load = async () => {
    try {
      const [d, y] = await Promise.all([client.details(cluster, namespace), client.manifestYaml(cluster, namespace)]);
      setDetails(d);
      setYaml(y);
    } catch (err) {
      setNotice({ kind: 'error', text: (err as Error).message });
    }
  };
  useEffect(() => void load(), [cluster, namespace]);
  // Opened from a row or the map: bring it into view and move the keyboard focus to it.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.scrollIntoView?.({ block: 'start' });
    heading.current?.focus();
  }, [namespace]);

  const enforce = async () => {
    try {
      await client.act(cluster, namespace, 'enforce', force ? { force: true } : undefined);
      setNotice({ kind: 'info', text: `${namespace} is enforced: its policy becomes a Calico NetworkPolicy at the next push.` });
    } catch (err) {
      setNotice(problemNotice(err, [namespace]));
    }
    await Promise.all([load(), props.onChanged()]);
  };

  const download = () => {
    const url = URL.createObjectURL(new Blob([yaml], { type: 'application/yaml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${namespace}-recommendation.yaml`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <section class="details" aria-labelledby="details-title">
      <div class="board-head">
        <h2 id="details-title" ref={heading} tabIndex={-1}>
          Details: {namespace}
        </h2>
        <button type="button" onClick={props.onClose} aria-label="Close details">
          Close
        </button>
      </div>
      {notice && (
        <p role={notice.kind === 'error' ? 'alert' : 'status'} class={`notice ${notice.kind}`}>
          {notice.text}
        </p>
      )}
      {!details ? (
        <p aria-busy="true">Loading…</p>
      ) : (
        <>
          <p>
            {details.tab} · {details.stagedAction} · {details.status}
            {details.readiness && ` · ${readinessText(details.readiness)}`} · last updated {details.lastUpdated}
          </p>
          {details.warnings.length > 0 && (
            <ul class="warnings">
              {details.warnings.map((w) => (
                <li key={w}>
                  <strong>{w}</strong>: {warningText(w)}
                </li>
              ))}
            </ul>
          )}
          {details.impact && <Impact impact={details.impact} />}
          {details.tab === 'active' && details.readiness !== undefined && (
            <div class="enforce">
              {details.readiness === 'WouldDeny' && (
                <label>
                  <input type="checkbox" checked={force} onChange={() => setForce(!force)} /> Enforce anyway, denying the flows above
                </label>
              )}
              <button
                type="button"
                class="primary"
                disabled={!props.canAct || (details.readiness === 'WouldDeny' && !force)}
                title={props.canAct ? undefined : VIEWER_REASON}
                onClick={() => void enforce()}
              >
                {ACTION_LABELS.enforce}
              </button>
            </div>
          )}
          {groupRules(details).map((g) => (
            <div key={g.kind} class="rule-group">
              <h3>{g.label}</h3>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Direction</th>
                    <th scope="col">Peer</th>
                    <th scope="col">Ports</th>
                    <th scope="col">First seen</th>
                    <th scope="col">Last seen</th>
                    <th scope="col">Flows</th>
                    <th scope="col">Bytes in / out</th>
                    <th scope="col">Example workloads</th>
                  </tr>
                </thead>
                <tbody>
                  {g.rules.map((r, i) => (
                    <tr key={i}>
                      <td>{r.direction}</td>
                      <td>{peerText(r)}</td>
                      <td>{portsText(r)}</td>
                      <td>{r.evidence.firstSeen}</td>
                      <td>{r.evidence.lastSeen}</td>
                      <td>{r.evidence.flows}</td>
                      <td>
                        {formatBytes(r.evidence.bytesIn)} / {formatBytes(r.evidence.bytesOut)}
                      </td>
                      <td>{r.evidence.examples.join(', ') || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
          {groupRules(details).length === 0 && <p class="empty">No rules learned yet.</p>}
          <h3>Manifest</h3>
          <div class="toolbar">
            <button type="button" onClick={() => void navigator.clipboard?.writeText(yaml).then(() => setNotice({ kind: 'info', text: 'YAML copied.' }))}>
              Copy YAML
            </button>
            <button type="button" onClick={download}>
              Download YAML
            </button>
          </div>
          <pre class="yaml" aria-label="YAML manifest">
            {yaml}
          </pre>
        </>
      )}
    </section>
  );
}
