import { describe, expect, it } from 'vitest';
import { addRecord, classify, emptyAggregate } from '../../../lib/core/engine';
import { parseRecord } from '../../../lib/core/flowlog/parse-record';
import { emptyStats } from '../../../lib/core/stats';

/**
 * A record is judged on the fields its classification reads (docs/flow-logs-validity.md): an
 * invalid value in a field it never reads is dropped and counted, one in a field it reads
 * rejects the record as before. Records go from raw JSON through the reader's own parser.
 */
const PROFILE = { all_policies: ['0|__PROFILE__|__PROFILE__.kns.shop|allow|0'] };
const EGRESS = {
  start_time: 1,
  end_time: 2,
  action: 'allow',
  reporter: 'src',
  source_type: 'wep',
  source_namespace: 'shop',
  source_name_aggr: 'checkout-*',
  dest_port: 8080,
  proto: 'tcp',
  policies: PROFILE,
};
const INGRESS = {
  start_time: 1,
  end_time: 2,
  action: 'allow',
  reporter: 'dst',
  dest_type: 'wep',
  dest_namespace: 'shop',
  dest_name_aggr: 'web-*',
  dest_port: 443,
  proto: 'tcp',
  policies: PROFILE,
};

const BAD_SERVICE = 'my-service.namespace2.svc.cluster.local';
const BAD_DOMAIN = '*.*.svc.cluster.local';
const BAD_NAME = "x' || projectcalico.org/name == 'y";

interface Outcome {
  rules: string[];
  skipped: Record<string, number>;
  rejected: Record<string, number>;
  dropped: Record<string, number>;
}

function outcome(raw: Record<string, unknown>): Outcome {
  const parsed = parseRecord(raw);
  if (!parsed.ok) throw new Error(`the reader rejected the record: ${parsed.reason}`);
  const agg = emptyAggregate(emptyStats());
  addRecord(agg, parsed.record, { clusterDomain: 'cluster.local' });
  const rules: string[] = [];
  for (const [ns, delta] of agg.namespaces) {
    for (const dir of ['egress', 'ingress'] as const) {
      for (const d of delta[dir].values())
        rules.push(`${ns} ${dir} ${d.kind}${d.peer.name ? ` ${d.peer.name}` : ''}${d.evidence.examples.length ? ` [${d.evidence.examples.join(',')}]` : ''}`);
    }
  }
  const { skipped, rejected, dropped } = agg.stats;
  return { rules, skipped, rejected, dropped };
}

const none = { skipped: {}, rejected: {}, dropped: {} };

describe('fields the classification does not read never reject a record', () => {
  it.each([
    [
      "a pod destination with Calico's own test service name (Namespace rule)",
      { ...EGRESS, dest_type: 'wep', dest_namespace: 'namespace2', dest_name_aggr: 'api-*', dest_service_namespace: 'namespace2', dest_service_name: BAD_SERVICE },
      { ...none, rules: ['shop egress Namespace namespace2 [api-*]'], dropped: { dest_service_name: 1 } },
    ],
    [
      'a private destination with an invalid domain',
      { ...EGRESS, dest_type: 'net', dest_name_aggr: 'pvt', dest_domains: [BAD_DOMAIN] },
      { ...none, rules: ['shop egress Private'], dropped: { dest_domains: 1 } },
    ],
    [
      'a public destination with domains: the service name is not read',
      { ...EGRESS, dest_type: 'net', dest_name_aggr: 'pub', dest_domains: ['api.example.com'], dest_service_namespace: 'x', dest_service_name: BAD_SERVICE },
      { ...none, rules: ['shop egress Domains'], dropped: { dest_service_name: 1 } },
    ],
    [
      'a pod destination with an invalid pod name: the rule is learned without that example',
      { ...EGRESS, dest_type: 'wep', dest_namespace: 'payments', dest_name_aggr: BAD_NAME },
      { ...none, rules: ['shop egress Namespace payments'], dropped: { dest_name_aggr: 1 } },
    ],
    [
      "the reporting pod's own invalid name",
      { ...EGRESS, source_name_aggr: 'Checkout-*', dest_type: 'net', dest_name_aggr: 'pvt' },
      { ...none, rules: ['shop egress Private'], dropped: { source_name_aggr: 1 } },
    ],
    [
      'ingress from the public internet: the source namespace, domains and service are not read',
      { ...INGRESS, source_type: 'net', source_name_aggr: 'pub', source_namespace: 'Bad NS', dest_domains: [BAD_DOMAIN], dest_service_name: BAD_SERVICE },
      { ...none, rules: ['shop ingress Public'], dropped: { source_namespace: 1, dest_service_name: 1, dest_domains: 1 } },
    ],
    [
      'a denied flow: nothing about its peer is read',
      { ...EGRESS, action: 'deny', dest_type: 'ns', dest_namespace: BAD_NAME },
      { ...none, rules: [], skipped: { deny: 1 }, dropped: { dest_namespace: 1 } },
    ],
    [
      'a host endpoint peer (not used)',
      { ...EGRESS, dest_type: 'hep', dest_name_aggr: BAD_NAME },
      { ...none, rules: [], skipped: { unsupportedPeer: 1 }, dropped: { dest_name_aggr: 1 } },
    ],
    [
      'ICMP with dest_port 0 (no port is learned for ICMP)',
      { ...EGRESS, proto: 'icmp', dest_port: 0, dest_type: 'net', dest_name_aggr: 'pvt' },
      { ...none, rules: ['shop egress Private'], dropped: { dest_port: 1 } },
    ],
  ])('%s', (_, raw, want) => {
    expect(outcome(raw)).toStrictEqual(want);
  });
});

describe('fields the classification reads keep their strict checks', () => {
  it.each([
    ['the reporting namespace (egress)', { ...EGRESS, source_namespace: 'Shop', dest_type: 'net', dest_name_aggr: 'pvt' }],
    ['the reporting namespace (ingress)', { ...INGRESS, dest_namespace: 'shop_x', source_type: 'net', source_name_aggr: 'pvt' }],
    ['the namespace of a pod peer', { ...EGRESS, dest_type: 'wep', dest_namespace: BAD_NAME, dest_name_aggr: 'api-*' }],
    ['the namespace of a network-set peer (it would read as a global set)', { ...EGRESS, dest_type: 'ns', dest_namespace: 'Shared', dest_name_aggr: 'partners' }],
    ['the name of a network-set peer', { ...INGRESS, source_type: 'ns', source_name_aggr: BAD_NAME }],
    ['pub / pvt of a net peer', { ...EGRESS, dest_type: 'net', dest_name_aggr: 'PUB' }],
    ['the domains of a public destination', { ...EGRESS, dest_type: 'net', dest_name_aggr: 'pub', dest_domains: ['ok.example.com', 'a b.com'] }],
    [
      'the service of a public destination without domains',
      { ...EGRESS, dest_type: 'net', dest_name_aggr: 'pub', dest_service_namespace: 'default', dest_service_name: BAD_SERVICE },
    ],
    [
      'the service when every domain is in-cluster',
      { ...EGRESS, dest_type: 'net', dest_name_aggr: 'pub', dest_domains: ['db.data.svc.cluster.local'], dest_service_namespace: 'Data', dest_service_name: 'db' },
    ],
  ])('%s', (_, raw) => {
    expect(outcome(raw)).toStrictEqual({ ...none, rules: [], rejected: { invalidName: 1 } });
  });

  it('classify names the field that rejected the record', () => {
    const parsed = parseRecord({ ...EGRESS, dest_type: 'ns', dest_namespace: 'Shared', dest_name_aggr: 'partners' });
    expect(parsed.ok && classify(parsed.record, { clusterDomain: 'cluster.local' })).toStrictEqual({ ok: false, reject: 'invalidName', field: 'dest_namespace' });
  });
});
