import { describe, expect, it } from 'vitest';
import { toYamlStream } from '../../../lib/core/yaml';
import { egressFrom, ingressTo } from '../../support/records';
import { learn, render } from '../../support/engine';

// The worked example of the engine's rules, literally.
const records = [
  egressFrom('shop', 'checkout-*', { destType: 'net', destNameAggr: 'pub', destPort: 443, destDomains: ['api.stripe.com'] }),
  egressFrom('shop', 'checkout-*', { destType: 'wep', destNamespace: 'payments', destNameAggr: 'api-*', destPort: 8080 }),
  ingressTo('shop', 'checkout-*', { sourceType: 'wep', sourceNamespace: 'frontend', sourceNameAggr: 'web-*', destPort: 80 }),
];

const GOLDEN_SHOP = `---
apiVersion: projectcalico.org/v3
kind: StagedNetworkPolicy
metadata:
  name: namespace-isolation.shop-recommendation
  namespace: shop
  labels:
    app.kubernetes.io/managed-by: policy-recommender
    policyrecommendation.tigera.io/scope: namespace
    projectcalico.org/spec.stagedAction: Learn
    projectcalico.org/tier: namespace-isolation
  annotations:
    policyrecommendation.tigera.io/lastUpdated: 2026-09-01T12:06:40Z
    policyrecommendation.tigera.io/status: Learning
spec:
  tier: namespace-isolation
  stagedAction: Learn
  selector: projectcalico.org/namespace == 'shop'
  types:
    - Egress
    - Ingress
  egress:
    - action: Allow
      protocol: TCP
      destination:
        ports:
          - 443
        domains:
          - api.stripe.com
      metadata:
        annotations:
          policyrecommendation.tigera.io/lastUpdated: 2026-09-01T12:06:40Z
          policyrecommendation.tigera.io/scope: Domains
    - action: Allow
      protocol: TCP
      destination:
        namespaceSelector: projectcalico.org/name == 'payments'
        ports:
          - 8080
      metadata:
        annotations:
          policyrecommendation.tigera.io/lastUpdated: 2026-09-01T12:06:40Z
          policyrecommendation.tigera.io/namespace: payments
          policyrecommendation.tigera.io/scope: Namespace
          policyrecommendation.tigera.io/warnings: NonServicePortsAndProtocol
  ingress:
    - action: Allow
      protocol: TCP
      source:
        namespaceSelector: projectcalico.org/name == 'frontend'
      destination:
        ports:
          - 80
      metadata:
        annotations:
          policyrecommendation.tigera.io/lastUpdated: 2026-09-01T12:06:40Z
          policyrecommendation.tigera.io/namespace: frontend
          policyrecommendation.tigera.io/scope: Namespace
          policyrecommendation.tigera.io/warnings: NonServicePortsAndProtocol
`;

describe('the engine worked example', () => {
  it('renders the shop recommendation exactly (golden)', () => {
    const { all, scope } = learn(records);
    const shop = all.get('shop')!;
    expect(shop.status).toBe('Learning');
    expect(toYamlStream([render(shop, scope).policy])).toBe(GOLDEN_SHOP);
  });

  it('gives payments no ingress from the src-reported copy of the shop flow', () => {
    const { all } = learn(records);
    expect(all.has('payments')).toBe(false);
    expect(all.has('frontend')).toBe(false);
  });

  it('gives payments ingress from shop TCP 8080 from the dst-reported copy', () => {
    const dstCopy = ingressTo('payments', 'api-*', { sourceType: 'wep', sourceNamespace: 'shop', sourceNameAggr: 'checkout-*', destPort: 8080 });
    const { all, scope } = learn([...records, dstCopy]);
    const payments = render(all.get('payments')!, scope).policy;
    expect(payments.spec.types).toEqual(['Ingress']);
    expect(payments.spec.ingress).toHaveLength(1);
    expect(payments.spec.ingress![0]!.source).toEqual({ namespaceSelector: "projectcalico.org/name == 'shop'" });
    expect(payments.spec.ingress![0]!.destination).toEqual({ ports: [8080] });
  });

  it('renders byte-identical output whatever the record order', () => {
    const a = learn(records);
    const b = learn([...records].reverse());
    expect(toYamlStream([render(b.all.get('shop')!, b.scope).policy])).toBe(toYamlStream([render(a.all.get('shop')!, a.scope).policy]));
  });
});
