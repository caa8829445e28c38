import type { Cluster, Details, ScopeSpec, Summary } from '../../board/src/api/types';

/** Small, fixed API answers for the board's tests (shapes as the API gives them). */

export const NOW = Date.parse('2026-12-02T12:00:00Z');

export function cluster(over: Partial<Cluster> = {}): Cluster {
  return {
    id: 'demo',
    flowLogs: { bucket: 'logs', prefix: 'demo' },
    target: { directory: '/tmp/out' },
    clusterDomain: 'cluster.local',
    lastRun: {
      startedAt: '2026-12-02T11:58:00Z',
      durationMs: 800,
      objects: { done: 3, failed: 0, skipped: 0, retried: 0, pendingLeft: 2 },
      stats: { recordsRead: 100, recordsUsed: 60, rejected: { badJson: 1 }, skipped: { protected: 30, deny: 9 } },
      namespacesChanged: 2,
      queued: [],
    },
    lastPush: { startedAt: '2026-12-02T11:59:00Z', durationMs: 100, applied: 2, deleted: 0, consecutiveFailures: 0 },
    ...over,
  };
}

export function summary(namespace: string, over: Partial<Summary> = {}): Summary {
  return {
    namespace,
    tab: 'recommendations',
    stagedAction: 'Learn',
    status: 'Stable',
    lastUpdated: '2026-12-02T10:00:00Z',
    ruleCounts: { egress: 2, ingress: 1 },
    warnings: [],
    ...over,
  };
}

export function details(namespace: string, over: Partial<Details> = {}): Details {
  const evidence = { firstSeen: '2026-12-01T00:00:00Z', lastSeen: '2026-12-02T00:00:00Z', records: 4, flows: 10, bytesIn: 2048, bytesOut: 100, examples: ['api-*'] };
  return {
    ...summary(namespace),
    rules: {
      egress: [
        { kind: 'Domains', protocol: 'TCP', peer: {}, ports: [443], domains: ['api.stripe.com'], lastUpdated: '2026-12-02T10:00:00Z', evidence },
        { kind: 'Namespace', protocol: 'TCP', peer: { name: 'payments' }, ports: [8443], lastUpdated: '2026-12-02T10:00:00Z', evidence },
      ],
      ingress: [{ kind: 'Service', protocol: 'TCP', peer: { name: 'web', namespace: 'frontend' }, ports: [8080], lastUpdated: '2026-12-02T10:00:00Z', evidence }],
    },
    manifest: { policy: { kind: 'StagedNetworkPolicy' } },
    ...over,
  };
}

export function scope(over: Partial<ScopeSpec['namespaceSpec']> = {}): ScopeSpec {
  return {
    interval: '30s',
    initialLookback: '24h',
    stabilizationPeriod: '2m',
    maxRules: 20,
    policiesLearningCutOff: 20,
    namespaceSpec: { recStatus: 'Enabled', selector: 'all()', intraNamespacePassThroughTraffic: false, tierName: 'namespace-isolation', ...over },
  };
}

/** A JWT-shaped token with the given claims (unsigned: the page never verifies, the API does). */
export function token(claims: Record<string, unknown>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'HS256' })}.${part(claims)}.sig`;
}
