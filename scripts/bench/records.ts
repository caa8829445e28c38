import { Prng } from './prng';
import type { World, Workload } from './world';

/**
 * One realistic archived flow record (docs/flow-logs.md) with every field a real one carries:
 * labels, process names and arguments, TCP statistics, NAT ports, HTTP counters, shipper fields.
 * The mix: ~10% deny, ~15% decided by an enforced policy, ~3% other reporters, some records
 * without policy information, every peer kind (Namespace, NetworkSet incl. global, pvt, pub with
 * domains, pub with a service, plain pub, host endpoints).
 */
export type Era = 'legacy' | 'modern';

export const WINDOW_START = 1_788_264_000; // 2026-09-01T12:00:00Z

interface Endpoint {
  readonly type: 'wep' | 'hep' | 'ns' | 'net';
  readonly aggr: string;
  readonly namespace: string;
  readonly labels: readonly string[];
  readonly ip: string | null;
}

const wep = (w: Workload): Endpoint => ({ type: 'wep', aggr: w.aggr, namespace: w.namespace, labels: w.labels, ip: null });
const PUB: Endpoint = { type: 'net', aggr: 'pub', namespace: '-', labels: [], ip: null };
const PVT: Endpoint = { type: 'net', aggr: 'pvt', namespace: '-', labels: [], ip: null };

function profileHit(era: Era, ns: string, index: number): string {
  return era === 'legacy' ? `${index}|__PROFILE__|__PROFILE__.kns.${ns}|allow|0` : `${index}|__PROFILE__|pro:kns.${ns}|allow|0`;
}

function policies(rng: Prng, era: Era, ns: string, verdict: 'unprotected' | 'protected' | 'deny'): Record<string, string[]> {
  const staged =
    era === 'legacy'
      ? `0|namespace-isolation|${ns}/namespace-isolation.staged:${ns}-recommendation|allow|${rng.int(0, 4)}`
      : `0|namespace-isolation|snp:${ns}/namespace-isolation.${ns}-recommendation|allow|${rng.int(0, 4)}`;
  const pass = era === 'legacy' ? '0|platform|platform.allow-dns|pass|1' : '0|platform|gnp:platform.allow-dns|pass|1';
  let hits: string[];
  if (verdict === 'deny') hits = [era === 'legacy' ? `0|security|security.block-egress|deny|${rng.int(0, 5)}` : `0|security|gnp:security.block-egress|deny|${rng.int(0, 5)}`];
  else if (verdict === 'protected') hits = [era === 'legacy' ? `0|default|${ns}/default.allow-web|allow|0` : `0|default|np:${ns}/default.allow-web|allow|0`];
  else hits = rng.chance(0.5) ? [pass, profileHit(era, ns, 1)] : [profileHit(era, ns, 0)];
  if (era === 'legacy') return { all_policies: rng.chance(0.3) ? [staged, ...hits.map((h) => h.replace(/^(\d+)/, (d) => String(Number(d) + 1)))] : hits };
  return { enforced_policies: hits, pending_policies: rng.chance(0.4) ? [staged] : hits, transit_policies: [] };
}

function labelsOf(e: Endpoint): { labels: readonly string[] } {
  return { labels: e.labels };
}

/** The rest of a Calico flow record: fields the engine ignores but real records carry. */
function extras(rng: Prng, src: Endpoint, proto: string): Record<string, unknown> {
  const tcp = proto === 'tcp';
  return {
    packets_in: rng.int(1, 5000),
    packets_out: rng.int(1, 5000),
    http_requests_allowed_in: 0,
    http_requests_denied_in: 0,
    process_name: src.type === 'wep' ? rng.pick(['/usr/bin/python3', '/usr/local/bin/node', '/usr/bin/java', '/app/server', '/usr/sbin/nginx']) : '-',
    num_process_names: 1,
    process_id: String(rng.int(1, 65000)),
    num_process_ids: 1,
    process_args: ['--config=/etc/app/config.yaml', `--port=${rng.int(1000, 9999)}`],
    num_process_args: 2,
    original_source_ips: null,
    num_original_source_ips: 0,
    tcp_mean_send_congestion_window: tcp ? rng.int(10, 400) : 0,
    tcp_min_send_congestion_window: tcp ? rng.int(10, 40) : 0,
    tcp_mean_smooth_rtt: tcp ? rng.int(50, 90000) : 0,
    tcp_max_smooth_rtt: tcp ? rng.int(50, 190000) : 0,
    tcp_mean_min_rtt: tcp ? rng.int(20, 9000) : 0,
    tcp_max_min_rtt: tcp ? rng.int(20, 19000) : 0,
    tcp_mean_mss: tcp ? 1448 : 0,
    tcp_min_mss: tcp ? rng.pick([1448, 1360, 536]) : 0,
    tcp_total_retransmissions: tcp ? rng.int(0, 3) : 0,
    tcp_lost_packets: tcp ? rng.int(0, 2) : 0,
    tcp_unrecovered_to: 0,
  };
}

export class RecordFactory {
  private readonly rng: Prng;

  constructor(
    private readonly world: World,
    seed: number,
  ) {
    this.rng = new Prng(seed);
  }

  /** One record as Calico writes it (snake_case keys in Calico's order). */
  next(era: Era): Record<string, unknown> {
    const { rng, world } = this;
    const client = rng.pick(world.workloads);
    let src: Endpoint = wep(client);
    let dst: Endpoint;
    let port: number | null;
    let proto: string = 'tcp';
    let reporter = 'src';
    let domains: readonly string[] | null = null;
    let service: { name: string; namespace: string; port: number } | null = null;
    const roll = rng.next();
    if (roll < 0.4) {
      // Pod to pod in another (or the same) namespace, reported by either side.
      const server = rng.pick(client.calls);
      dst = wep(server);
      port = server.port;
      proto = server.proto;
      reporter = rng.chance(0.5) ? 'src' : 'dst';
    } else if (roll < 0.5) {
      dst = PUB;
      domains = world.domains[rng.chance(0.9) ? client.egress.domains : rng.int(0, world.domains.length - 1)] ?? null;
      port = rng.pick([443, 443, 443, 80]);
    } else if (roll < 0.53) {
      service = world.externalServices[client.egress.service] ?? null;
      dst = PUB;
      port = service?.port ?? 443;
    } else if (roll < 0.58) {
      dst = { ...PUB, ip: rng.ip('52.94') };
      port = rng.pick([443, 80, 22, 8443]);
    } else if (roll < 0.65) {
      dst = PVT;
      port = rng.pick([5432, 3306, 6379, 443, 9092]);
    } else if (roll < 0.75) {
      const set = world.networkSets[rng.pick(client.egress.sets)] ?? world.networkSets[0]!;
      dst = { type: 'ns', aggr: set.name, namespace: set.namespace, labels: [`projectcalico.org/name=${set.name}`], ip: null };
      port = rng.pick([443, 8443, 9100, 514]);
    } else if (roll < 0.83) {
      // Ingress from outside the cluster.
      src = rng.chance(0.6) ? PUB : PVT;
      dst = wep(client);
      port = client.port;
      proto = client.proto;
      reporter = 'dst';
    } else if (roll < 0.87) {
      const set = world.networkSets[rng.pick(client.egress.sets)] ?? world.networkSets[0]!;
      src = { type: 'ns', aggr: set.name, namespace: set.namespace, labels: [], ip: null };
      dst = wep(client);
      port = client.port;
      reporter = 'dst';
    } else if (roll < 0.9) {
      src = { type: 'hep', aggr: rng.pick(world.hosts), namespace: '-', labels: [], ip: null };
      dst = wep(client);
      port = client.port;
      reporter = 'dst';
    } else if (roll < 0.93) {
      dst = PUB;
      port = null;
      proto = 'icmp';
    } else {
      const server = rng.pick(client.calls);
      dst = wep(server);
      port = server.port;
      reporter = rng.chance(0.3) ? 'dst' : 'src';
    }
    if (rng.chance(0.03)) reporter = rng.pick(['fwd', 'src,fwd', 'dst,fwd']);
    const deny = rng.chance(0.1);
    const ownNs = reporter === 'dst' ? dst.namespace : src.namespace;
    const verdict = deny ? 'deny' : rng.chance(0.15) ? 'protected' : 'unprotected';
    const pol = rng.chance(0.02) && !deny ? null : policies(rng, era, ownNs === '-' ? 'default' : ownNs, verdict);
    const end = WINDOW_START + rng.int(0, 287) * 300;
    const bytesIn = rng.int(0, 2_000_000);
    const flows = rng.int(1, 40);
    return {
      start_time: end - 300,
      end_time: end,
      source_ip: src.ip,
      source_name: '-',
      source_name_aggr: src.aggr,
      source_namespace: src.namespace,
      nat_outgoing_ports: rng.chance(0.1) ? [rng.int(30000, 60000), rng.int(30000, 60000)] : null,
      source_port: null,
      source_type: src.type,
      source_labels: labelsOf(src),
      dest_ip: dst.ip,
      dest_name: '-',
      dest_name_aggr: dst.aggr,
      dest_namespace: dst.namespace,
      dest_port: port,
      dest_type: dst.type,
      dest_labels: labelsOf(dst),
      dest_service_namespace: service?.namespace ?? '-',
      dest_service_name: service?.name ?? '-',
      dest_service_port: service ? 'tcp' : '-',
      dest_service_port_num: service?.port ?? null,
      dest_domains: domains,
      proto,
      action: deny ? 'deny' : 'allow',
      reporter,
      policies: pol,
      bytes_in: bytesIn,
      bytes_out: rng.int(0, 500_000),
      num_flows: flows,
      num_flows_started: rng.int(0, flows),
      num_flows_completed: rng.int(0, flows),
      ...extras(rng, src, proto),
      host: rng.pick(world.hosts),
      '@timestamp': era === 'legacy' ? String(end * 1000) : end * 1000,
    };
  }
}
