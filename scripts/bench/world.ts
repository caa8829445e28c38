import { Prng } from './prng';

/**
 * The cluster the generated flow logs describe: a few hundred namespaces with their workloads,
 * network sets, external services and nodes. Fixed by the seed, so every data set size shares it.
 */
export interface Workload {
  readonly namespace: string;
  readonly app: string;
  /** `*_name_aggr` as Calico writes it: `<deployment>-<pod-template-hash>-*`. */
  readonly aggr: string;
  readonly labels: readonly string[];
  readonly port: number;
  readonly proto: 'tcp' | 'udp';
  readonly process: string;
  readonly args: readonly string[];
  /** Servers it calls: mostly its own namespace, a few others (traffic graphs are sparse). */
  readonly calls: Workload[];
  /** Egress destinations outside the cluster it uses: indexes into World.domains etc. */
  readonly egress: { domains: number; service: number; sets: number[] };
}

export interface NetworkSet {
  readonly name: string;
  /** `-` for a GlobalNetworkSet. */
  readonly namespace: string;
}

export interface World {
  readonly namespaces: readonly string[];
  readonly workloads: readonly Workload[];
  readonly byNamespace: ReadonlyMap<string, readonly Workload[]>;
  readonly networkSets: readonly NetworkSet[];
  readonly domains: readonly (readonly string[])[];
  readonly externalServices: readonly { name: string; namespace: string; port: number }[];
  readonly hosts: readonly string[];
  readonly dns: Workload;
}

const TEAMS = [
  'shop',
  'payments',
  'checkout',
  'catalog',
  'search',
  'auth',
  'billing',
  'orders',
  'cart',
  'inventory',
  'shipping',
  'reviews',
  'ads',
  'email',
  'fraud',
  'ledger',
  'risk',
  'media',
  'profile',
  'notify',
];
const ENVS = ['dev', 'qa', 'stage', 'prod', 'perf', 'demo', 'int', 'sbx'];
const APPS = ['api', 'web', 'worker', 'frontend', 'backend', 'cache', 'db', 'queue', 'gateway', 'scheduler', 'indexer', 'exporter'];
const PROCESSES: readonly [string, readonly string[]][] = [
  ['/usr/bin/python3', ['-m', 'gunicorn', 'app:app', '--workers', '4', '--bind', '0.0.0.0:8080']],
  ['/usr/local/bin/node', ['/srv/app/dist/server.js', '--max-old-space-size=512']],
  ['/usr/bin/java', ['-XX:+UseG1GC', '-Xmx1g', '-jar', '/opt/app/service.jar']],
  ['/app/server', ['--config=/etc/app/config.yaml', '--log-level=info']],
  ['/usr/sbin/nginx', ['-g', 'daemon off;']],
];
const SITES = [
  'api.stripe.com',
  'hooks.slack.com',
  'api.github.com',
  's3.amazonaws.com',
  'sqs.us-east-1.amazonaws.com',
  'login.microsoftonline.com',
  'www.googleapis.com',
  'api.twilio.com',
  'registry.npmjs.org',
  'pypi.org',
  'api.sendgrid.com',
  'o123456.ingest.sentry.io',
];

function workload(rng: Prng, namespace: string, app: string): Workload {
  const hash = rng.chars(10);
  const port = rng.pick([80, 443, 8080, 8443, 9090, 3000, 5000, 6379, 5432, 27017, 9200, 11211]);
  const [process, args] = rng.pick(PROCESSES);
  const labels = [`app=${app}`, `pod-template-hash=${hash}`, `app.kubernetes.io/name=${app}`, `team=${namespace.split('-')[0]}`];
  if (rng.chance(0.5)) labels.push(`app.kubernetes.io/version=v${rng.int(1, 9)}.${rng.int(0, 30)}.${rng.int(0, 9)}`);
  return {
    namespace,
    app,
    aggr: `${app}-${hash}-*`,
    labels,
    port,
    proto: rng.chance(0.1) ? 'udp' : 'tcp',
    process,
    args,
    calls: [],
    egress: { domains: rng.int(0, 39), service: rng.int(0, 19), sets: rng.chance(0.5) ? [rng.int(0, 11)] : [rng.int(12, 51)] },
  };
}

export function buildWorld(namespaceCount: number, seed = 7): World {
  const rng = new Prng(seed);
  const namespaces: string[] = ['kube-system', 'calico-system', 'tigera-manager'];
  for (let i = 0; namespaces.length < namespaceCount; i++) {
    namespaces.push(`${TEAMS[i % TEAMS.length]}-${ENVS[Math.floor(i / TEAMS.length) % ENVS.length]}-${Math.floor(i / (TEAMS.length * ENVS.length))}`);
  }
  const byNamespace = new Map<string, Workload[]>();
  const workloads: Workload[] = [];
  for (const ns of namespaces) {
    const apps = [...APPS].sort(() => rng.next() - 0.5).slice(0, rng.int(2, 6));
    const list = apps.map((app) => workload(rng, ns, app));
    byNamespace.set(ns, list);
    workloads.push(...list);
  }
  const dns: Workload = { ...workload(rng, 'kube-system', 'coredns'), port: 53, proto: 'udp', aggr: 'coredns-5d78c9869d-*' };
  const shared = namespaces.slice(3, 15).flatMap((ns) => byNamespace.get(ns) ?? []);
  for (const w of workloads) {
    const own = byNamespace.get(w.namespace) ?? [];
    for (const peer of own) if (peer !== w && rng.chance(0.5)) w.calls.push(peer);
    // Cross-namespace traffic mostly goes to a few shared platform namespaces.
    if (rng.chance(0.5)) w.calls.push(rng.pick(shared));
    if (rng.chance(0.03)) w.calls.push(rng.pick(workloads));
    w.calls.push(dns);
  }
  const networkSets: NetworkSet[] = [];
  for (let i = 0; i < 12; i++) networkSets.push({ name: `global-${rng.pick(['partners', 'vpn', 'office', 'monitoring', 'backup', 'threat-feed'])}-${i}`, namespace: '-' });
  for (let i = 0; i < 40; i++) networkSets.push({ name: `${rng.pick(['db', 'legacy', 'onprem', 'vendor'])}-net-${i}`, namespace: rng.pick(namespaces.slice(3)) });
  const domains: string[][] = [];
  for (let i = 0; i < 40; i++) {
    const site = rng.pick(SITES);
    domains.push(rng.chance(0.3) ? [site, `${rng.pick(['cdn', 'edge', 'eu'])}.${site}`] : [site]);
  }
  domains.push(['api.stripe.com', 'payments.shop-prod-0.svc.cluster.local']);
  const externalServices = Array.from({ length: 20 }, (_, i) => ({
    name: `external-${rng.pick(['db', 'search', 'mq', 'smtp'])}-${i}`,
    namespace: rng.pick(namespaces.slice(3)),
    port: rng.pick([5432, 9200, 5672, 25, 3306]),
  }));
  const hosts = Array.from({ length: 24 }, () => `ip-10-0-${rng.int(0, 255)}-${rng.int(1, 254)}.ec2.internal`);
  return { namespaces, workloads, byNamespace, networkSets, domains, externalServices, hosts, dns };
}
