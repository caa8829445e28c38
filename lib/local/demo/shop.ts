/**
 * The demo: a small microservice shop. Each conversation becomes flow records in both directions
 * where both ends are pods (Calico logs a src- and a dst-reported copy), with some traffic already
 * covered by an enforced policy and some denied, so every rule kind and skip reason shows up.
 */
export interface Conversation {
  readonly from: { ns?: string; pod?: string; type: 'wep' | 'net' | 'ns'; aggr?: string };
  readonly to: { ns?: string; pod?: string; type: 'wep' | 'net' | 'ns'; aggr?: string };
  readonly proto: 'tcp' | 'udp';
  readonly port: number;
  readonly domains?: string[];
  readonly service?: { name: string; namespace: string };
  /** Decided by an enforced policy (not learned) or denied. */
  readonly enforcedBy?: string;
  readonly denied?: boolean;
}

const pod = (ns: string, aggr: string) => ({ ns, pod: aggr, type: 'wep' as const });

export const DEMO_CONVERSATIONS: readonly Conversation[] = [
  { from: { type: 'net', aggr: 'pub' }, to: pod('frontend', 'web-6d8f7c9b5-*'), proto: 'tcp', port: 443 },
  { from: pod('frontend', 'web-6d8f7c9b5-*'), to: pod('shop', 'checkout-7d9f8b6c5d-*'), proto: 'tcp', port: 8080 },
  { from: pod('frontend', 'web-6d8f7c9b5-*'), to: pod('catalog', 'api-5c6d7e8f9-*'), proto: 'tcp', port: 8080 },
  { from: pod('shop', 'checkout-7d9f8b6c5d-*'), to: pod('cart', 'redis-0-*'), proto: 'tcp', port: 6379, enforcedBy: 'np:cart/default.allow-shop' },
  { from: pod('shop', 'checkout-7d9f8b6c5d-*'), to: pod('payments', 'api-5f6d7c8b9-*'), proto: 'tcp', port: 8443 },
  { from: pod('payments', 'api-5f6d7c8b9-*'), to: { type: 'net', aggr: 'pub' }, proto: 'tcp', port: 443, domains: ['api.stripe.com'] },
  { from: pod('payments', 'api-5f6d7c8b9-*'), to: { type: 'net', aggr: 'pub' }, proto: 'tcp', port: 443, domains: ['api.paypal.com'] },
  { from: pod('shop', 'checkout-7d9f8b6c5d-*'), to: { type: 'net', aggr: 'pub' }, proto: 'tcp', port: 443, service: { name: 'kubernetes', namespace: 'default' } },
  { from: pod('users', 'api-7b8c9d0e1-*'), to: { type: 'net', aggr: 'pvt' }, proto: 'tcp', port: 5432 },
  { from: pod('catalog', 'api-5c6d7e8f9-*'), to: { type: 'ns', ns: 'catalog', aggr: 'partner-cdn' }, proto: 'tcp', port: 443 },
  { from: pod('catalog', 'api-5c6d7e8f9-*'), to: { type: 'ns', aggr: 'corp-proxies' }, proto: 'tcp', port: 3128 },
  { from: pod('users', 'api-7b8c9d0e1-*'), to: pod('payments', 'api-5f6d7c8b9-*'), proto: 'tcp', port: 8443, denied: true },
  { from: pod('monitoring', 'prometheus-0-*'), to: pod('shop', 'checkout-7d9f8b6c5d-*'), proto: 'tcp', port: 9090 },
  { from: pod('monitoring', 'prometheus-0-*'), to: pod('payments', 'api-5f6d7c8b9-*'), proto: 'tcp', port: 9090 },
  ...['frontend', 'shop', 'catalog', 'payments', 'users'].flatMap((ns): Conversation[] => [
    { from: pod(ns, `${ns === 'frontend' ? 'web' : 'api'}-*`), to: pod('kube-system', 'coredns-5d78c9869d-*'), proto: 'udp', port: 53 },
    { from: pod(ns, `${ns === 'frontend' ? 'web' : 'api'}-*`), to: pod('kube-system', 'coredns-5d78c9869d-*'), proto: 'tcp', port: 53 },
  ]),
];
