import { gzipSync } from 'node:zlib';
import { DEMO_CONVERSATIONS, type Conversation } from './shop';

export interface DemoObject {
  readonly key: string;
  readonly body: Buffer;
}

const WINDOW = 300;

function policiesFor(c: Conversation, reporterNs: string | undefined): Record<string, string[]> {
  if (c.denied) return { enforced_policies: [`0|security|gnp:security.deny-users-to-payments|deny|0`] };
  if (c.enforcedBy) return { enforced_policies: [`0|default|${c.enforcedBy}|allow|0`], pending_policies: [] };
  return { enforced_policies: [`0|__PROFILE__|pro:kns.${reporterNs ?? 'default'}|allow|0`] };
}

function record(c: Conversation, reporter: 'src' | 'dst', end: number, i: number): Record<string, unknown> {
  const side = (e: Conversation['from']) => ({
    name_aggr: e.pod ?? e.aggr ?? '-',
    namespace: e.ns ?? '-',
    type: e.type,
  });
  const src = side(c.from);
  const dst = side(c.to);
  return {
    start_time: end - WINDOW,
    end_time: end,
    source_ip: null,
    source_name: '-',
    source_name_aggr: src.name_aggr,
    source_namespace: src.namespace,
    source_port: null,
    source_type: src.type,
    source_labels: { labels: src.type === 'wep' ? [`app=${src.name_aggr.split('-')[0]}`] : [] },
    dest_ip: null,
    dest_name: '-',
    dest_name_aggr: dst.name_aggr,
    dest_namespace: dst.namespace,
    dest_port: c.port,
    dest_type: dst.type,
    dest_labels: { labels: [] },
    dest_service_namespace: c.service?.namespace ?? '-',
    dest_service_name: c.service?.name ?? '-',
    dest_service_port: '-',
    dest_service_port_num: null,
    dest_domains: c.domains ?? null,
    proto: c.proto,
    action: c.denied ? 'deny' : 'allow',
    reporter,
    policies: policiesFor(c, reporter === 'src' ? c.from.ns : c.to.ns),
    bytes_in: 1000 + ((i * 7919) % 50_000),
    bytes_out: 500 + ((i * 104_729) % 20_000),
    num_flows: 1 + (i % 5),
    num_flows_started: 1,
    num_flows_completed: 1,
    packets_in: 10,
    packets_out: 8,
    host: `ip-10-0-1-${20 + (i % 3)}`,
    '@timestamp': end * 1000,
  };
}

/** Every conversation as its src- and/or dst-reported records, whichever ends are pods. */
function recordsAt(end: number, seq: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  DEMO_CONVERSATIONS.forEach((c, i) => {
    if (c.from.type === 'wep') out.push(record(c, 'src', end, seq + i));
    if (c.to.type === 'wep') out.push(record(c, 'dst', end, seq + i));
  });
  return out;
}

function dayOf(t: number): string {
  return new Date(t * 1000).toISOString().slice(0, 10).replace(/-/g, '');
}

/**
 * A simulated day ending at `now`, one object per hour, alternating between the fluentd and the
 * fluent-bit layout under `<prefix>/`. Deterministic for a given `now`.
 */
export function demoObjects(prefix: string, now: number, hours = 24): DemoObject[] {
  const objects: DemoObject[] = [];
  for (let h = hours; h >= 1; h--) {
    const end = now - h * 3600 + WINDOW;
    const records = recordsAt(end, h * 100);
    const day = dayOf(end);
    if (h % 2 === 0) {
      const lines = records.map((r) => `${new Date(end * 1000).toISOString()}\tflows\t${JSON.stringify(r)}\n`).join('');
      objects.push({ key: `${prefix}/flows${day}_${h}.gz`, body: gzipSync(lines) });
    } else {
      const lines = records.map((r) => `${JSON.stringify({ date: new Date(end * 1000).toISOString(), ...r })}\n`).join('');
      objects.push({ key: `${prefix}/flows/${day}_demo${String(h).padStart(4, '0')}.gz`, body: gzipSync(lines) });
    }
  }
  return objects;
}
