import { describe, expect, it } from 'vitest';
import { resolveScope } from '../../../lib/core/scope';
import { shortenLikeCalicoLabel } from '../../../lib/core/names';
import { egressFrom, ingressTo } from '../../support/records';
import { learn, NOW, render } from '../../support/engine';

const scope = resolveScope({ namespaceSpec: { recStatus: 'Enabled' } });
const policyOf = (records: Parameters<typeof learn>[0], s = scope) => {
  const { all } = learn(records, { scope: s });
  return render(all.get('shop')!, s).policy;
};
const ann = 'policyrecommendation.tigera.io';

describe('rendered rule shapes per kind (docs/engine.md)', () => {
  it('Service: services {name, namespace} with name/namespace annotations, protocol but no ports', () => {
    const p = policyOf([egressFrom('shop', 'a-*', { destNameAggr: 'pub', destPort: 443, destServiceName: 'kubernetes', destServiceNamespace: 'default' })]);
    const rule = p.spec.egress![0]!;
    // No ports beside a service match: Calico's validator rejects the combination.
    expect(rule.destination).toEqual({ services: { name: 'kubernetes', namespace: 'default' } });
    expect(rule.protocol).toBe('TCP');
    expect(rule.metadata.annotations[`${ann}/scope`]).toBe('Service');
    expect(rule.metadata.annotations[`${ann}/name`]).toBe('kubernetes');
    expect(rule.metadata.annotations[`${ann}/namespace`]).toBe('default');
  });

  it('Domains win over Service when the record has external domains; in-cluster names are dropped', () => {
    const p = policyOf([
      egressFrom('shop', 'a-*', { destPort: 443, destDomains: ['db.svc.cluster.local'], destServiceName: 'db', destServiceNamespace: 'data' }),
      egressFrom('shop', 'a-*', { destPort: 443, destDomains: ['b.example.com', 'a.example.com', 'x.svc.cluster.local'] }),
    ]);
    expect(p.spec.egress!.map((r) => r.metadata.annotations[`${ann}/scope`])).toEqual(['Domains', 'Service']);
    expect(p.spec.egress![0]!.destination!.domains).toEqual(['a.example.com', 'b.example.com']);
  });

  it('namespaced NetworkSet: selector on name and kind, namespaceSelector on its namespace', () => {
    const p = policyOf([egressFrom('shop', 'a-*', { destType: 'ns', destNameAggr: 'partners', destNamespace: 'shared', destPort: 5432 })]);
    expect(p.spec.egress![0]!.destination).toEqual({
      selector: "projectcalico.org/name == 'partners' && projectcalico.org/kind == 'NetworkSet'",
      namespaceSelector: "projectcalico.org/name == 'shared'",
      ports: [5432],
    });
    expect(p.spec.egress![0]!.metadata.annotations[`${ann}/namespace`]).toBe('shared');
  });

  it('global NetworkSet on ingress: source selector with namespaceSelector global()', () => {
    const p = policyOf([ingressTo('shop', 'a-*', { sourceType: 'ns', sourceNameAggr: 'scanners', sourceNamespace: null, destPort: 22 })]);
    const rule = p.spec.ingress![0]!;
    expect(rule.source).toEqual({ selector: "projectcalico.org/name == 'scanners' && projectcalico.org/kind == 'NetworkSet'", namespaceSelector: 'global()' });
    expect(rule.destination).toEqual({ ports: [22] });
    expect(rule.metadata.annotations[`${ann}/name`]).toBe('scanners');
  });

  it('NetworkSet names over 63 characters are shortened like Calico labels (55 + - + 7 hash)', () => {
    const long = `set-${'a'.repeat(70)}`;
    const short = shortenLikeCalicoLabel(long);
    expect(short).toHaveLength(63);
    expect(short.startsWith(long.slice(0, 55) + '-')).toBe(true);
    expect(short.slice(56)).toMatch(/^[0-9a-v]{7}$/);
    const p = policyOf([egressFrom('shop', 'a-*', { destType: 'ns', destNameAggr: long, destNamespace: null, destPort: 1 })]);
    expect(p.spec.egress![0]!.destination!.selector).toBe(`projectcalico.org/name == '${short}' && projectcalico.org/kind == 'NetworkSet'`);
    expect(p.spec.egress![0]!.metadata.annotations[`${ann}/name`]).toBe(long);
  });

  it('Private: the RFC 1918 nets; Public: protocol and ports only', () => {
    const p = policyOf([egressFrom('shop', 'a-*', { destNameAggr: 'pvt', destPort: 5432 }), ingressTo('shop', 'a-*', { sourceType: 'net', sourceNameAggr: 'pub', destPort: 443 })]);
    expect(p.spec.egress![0]!.destination).toEqual({ nets: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'], ports: [5432] });
    expect(p.spec.ingress![0]).toMatchObject({ action: 'Allow', protocol: 'TCP', destination: { ports: [443] } });
    expect(p.spec.ingress![0]!.source).toBeUndefined();
  });

  it('ports grow per key, sorted and unique; ICMP and numeric protocols carry no ports', () => {
    const p = policyOf([
      egressFrom('shop', 'a-*', { destNameAggr: 'pvt', destPort: 8443 }),
      egressFrom('shop', 'a-*', { destNameAggr: 'pvt', destPort: 443 }),
      egressFrom('shop', 'a-*', { destNameAggr: 'pvt', destPort: 443 }),
      egressFrom('shop', 'a-*', { destNameAggr: 'pvt', destPort: null, protocol: 'ICMP' }),
      egressFrom('shop', 'a-*', { destNameAggr: 'pvt', destPort: 5, protocol: '47' }),
    ]);
    expect(p.spec.egress!.map((r) => [r.protocol, r.destination!.ports])).toEqual([
      [47, undefined],
      ['ICMP', undefined],
      ['TCP', [443, 8443]],
    ]);
  });

  it('a null port on TCP contributes no port; the rule stays port-less only if no port was seen', () => {
    const portless = policyOf([egressFrom('shop', 'a-*', { destNameAggr: 'pvt', destPort: null })]);
    expect(portless.spec.egress![0]!.destination!.ports).toBeUndefined();
    const mixed = policyOf([egressFrom('shop', 'a-*', { destNameAggr: 'pvt', destPort: null }), egressFrom('shop', 'a-*', { destNameAggr: 'pvt', destPort: 80 })]);
    expect(mixed.spec.egress![0]!.destination!.ports).toEqual([80]);
  });

  it('orders rules by kind, then protocol, then ports, then peer name', () => {
    const p = policyOf([
      egressFrom('shop', 'a-*', { destNameAggr: 'pub', destPort: 80 }),
      egressFrom('shop', 'a-*', { destNameAggr: 'pvt', destPort: 80 }),
      egressFrom('shop', 'a-*', { destType: 'wep', destNamespace: 'zeta', destPort: 80 }),
      egressFrom('shop', 'a-*', { destType: 'wep', destNamespace: 'alpha', destPort: 80 }),
      egressFrom('shop', 'a-*', { destType: 'wep', destNamespace: 'beta', destPort: 53, protocol: 'UDP' }),
      egressFrom('shop', 'a-*', { destType: 'ns', destNameAggr: 'set', destNamespace: null, destPort: 80 }),
      egressFrom('shop', 'a-*', { destPort: 443, destDomains: ['x.io'] }),
    ]);
    expect(p.spec.egress!.map((r) => `${r.metadata.annotations[`${ann}/scope`]}:${r.protocol}:${r.metadata.annotations[`${ann}/namespace`] ?? ''}`)).toEqual([
      'Domains:TCP:',
      'Namespace:TCP:alpha',
      'Namespace:TCP:zeta',
      'Namespace:UDP:beta',
      'NetworkSet:TCP:',
      'Private:TCP:',
      'Public:TCP:',
    ]);
  });

  it('intra-namespace traffic is Pass only when intraNamespacePassThroughTraffic is set', () => {
    const records = [
      egressFrom('shop', 'a-*', { destType: 'wep', destNamespace: 'shop', destPort: 80 }),
      egressFrom('shop', 'a-*', { destType: 'wep', destNamespace: 'other', destPort: 80 }),
    ];
    expect(policyOf(records).spec.egress!.map((r) => r.action)).toEqual(['Allow', 'Allow']);
    const pass = resolveScope({ namespaceSpec: { recStatus: 'Enabled', intraNamespacePassThroughTraffic: true } });
    const p = policyOf(records, pass);
    expect(p.spec.egress!.map((r) => [r.action, r.destination!.namespaceSelector])).toEqual([
      ['Allow', "projectcalico.org/name == 'other'"],
      ['Pass', "projectcalico.org/name == 'shop'"],
    ]);
  });

  it('uses the scope tier name in the policy name, labels and spec', () => {
    const s = resolveScope({ namespaceSpec: { tierName: 'isolation' } });
    const p = policyOf([egressFrom('shop', 'a-*', { destNameAggr: 'pvt', destPort: 1 })], s);
    expect(p.metadata.name).toBe('isolation.shop-recommendation');
    expect(p.spec.tier).toBe('isolation');
    expect(p.metadata.labels!['projectcalico.org/tier']).toBe('isolation');
  });
});

describe('storage bounds per recommendation (item size)', () => {
  it('stops growing a rule at 256 ports, keeps what was learned and warns RuleLimitReached', async () => {
    const { LIMITS } = await import('../../../lib/core/engine');
    const scan = Array.from({ length: 300 }, (_, i) => egressFrom('shop', 'a-*', { destNameAggr: 'pvt', destPort: 1000 + i }));
    const first = learn(scan.slice(0, 200));
    const shop = first.all.get('shop')!;
    expect(shop.egress[0]!.ports).toHaveLength(200);
    expect(shop.warnings).toEqual([]);
    const second = learn(scan.slice(150).reverse(), { previous: first.all, now: NOW + 100 }).all.get('shop')!;
    expect(second.egress[0]!.ports).toHaveLength(LIMITS.portsPerRule);
    expect(second.egress[0]!.ports.slice(0, 200)).toEqual(shop.egress[0]!.ports);
    expect(second.egress[0]!.ports[LIMITS.portsPerRule - 1]).toBe(1000 + LIMITS.portsPerRule - 1);
    expect(second.warnings).toEqual(['RuleLimitReached']);
  });
});

describe('Domains records without a port (aggregation level 3)', () => {
  const dom = (port: number | null, domains: string[]) => egressFrom('shop', 'a-*', { destPort: port, destDomains: domains });
  const domainsRules = (records: Parameters<typeof learn>[0]) =>
    render(learn(records).all.get('shop')!, learn(records).scope).policy.spec.egress!.map((r) => [r.destination!.ports ?? null, r.destination!.domains]);

  it('a domain also seen with a port gets no port-less (all-ports) rule, whatever the order', () => {
    expect(domainsRules([dom(null, ['a.example.com']), dom(443, ['a.example.com'])])).toEqual([[[443], ['a.example.com']]]);
    expect(domainsRules([dom(443, ['a.example.com']), dom(null, ['a.example.com'])])).toEqual([[[443], ['a.example.com']]]);
  });

  it('a domain never seen with a port stays in a port-less rule, and leaves it once a port is seen', () => {
    expect(domainsRules([dom(null, ['a.example.com', 'c.example.com']), dom(443, ['a.example.com'])])).toEqual([
      [null, ['c.example.com']],
      [[443], ['a.example.com']],
    ]);
    const first = learn([dom(null, ['c.example.com'])]);
    const later = learn([dom(8443, ['c.example.com'])], { previous: first.all, now: NOW + 60 }).all.get('shop')!;
    expect(later.egress.map((r) => [r.ports, r.domains])).toEqual([[[8443], ['c.example.com']]]);
    expect(later.status).toBe('Learning');
  });
});
