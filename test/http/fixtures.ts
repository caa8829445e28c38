import type { Recommendation, Rule } from '../../lib/core/engine';

const T = '2026-09-01T12:00:00Z';
const evidence = { firstSeen: 1_788_264_000, lastSeen: 1_788_264_300, records: 3, flows: 4, bytesIn: 100, bytesOut: 200, examples: ['checkout-*'] };

export function domainsRule(domain: string, port = 443): Rule {
  return { kind: 'Domains', protocol: 'TCP', peer: {}, ports: [port], domains: [domain], lastUpdated: T, evidence };
}

export function namespaceRule(peer: string, port: number): Rule {
  return { kind: 'Namespace', protocol: 'TCP', peer: { name: peer }, ports: [port], domains: [], lastUpdated: T, evidence };
}

/** A `Learn` recommendation with one egress domain rule, one egress and one ingress namespace rule. */
export function recommendation(namespace: string, overrides: Partial<Recommendation> = {}): Recommendation {
  return {
    namespace,
    stagedAction: 'Learn',
    enforced: false,
    status: 'Learning',
    lastUpdated: T,
    egress: [domainsRule('api.stripe.com'), namespaceRule('payments', 8080)],
    ingress: [namespaceRule('frontend', 80)],
    warnings: [],
    ...overrides,
  };
}

export const registration = (bucket: string, prefix: string) => ({ flowLogs: { bucket, prefix }, target: { directory: '/tmp/policies' } });
