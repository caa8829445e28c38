/** The HTTP API's shapes as the board reads them (see docs/board.md and the API's OpenAPI). */

export type Tab = 'recommendations' | 'active' | 'dismissed' | 'enforced';
export type Action = 'activate' | 'dismiss' | 'reactivate' | 'enforce';
export type Readiness = 'NotObserved' | 'Observing' | 'WouldDeny' | 'ReadyToEnforce';

export interface RunSummary {
  startedAt: string;
  durationMs: number;
  objects?: { done: number; failed: number; skipped: number; retried: number; pendingLeft: number };
  stats?: {
    recordsRead: number;
    recordsUsed: number;
    recordsWithoutPolicyInfo?: number;
    rejected: Record<string, number>;
    skipped: Record<string, number>;
  };
  namespacesChanged?: number;
  queued?: string[];
  error?: string;
}

export interface PushSummary {
  startedAt: string;
  durationMs: number;
  applied: number;
  deleted: number;
  adopted?: number;
  error?: string;
  consecutiveFailures?: number;
  nextAttemptAt?: string;
}

export interface Cluster {
  id: string;
  flowLogs: { bucket: string; prefix: string };
  target: Record<string, unknown>;
  clusterDomain: string;
  state?: string;
  lastRun: RunSummary | null;
  lastPush: PushSummary | null;
}

export interface Summary {
  namespace: string;
  tab: Tab;
  stagedAction: 'Learn' | 'Set' | 'Ignore';
  status: string;
  lastUpdated: string;
  ruleCounts: { egress: number; ingress: number };
  warnings: string[];
  readiness?: Readiness;
}

export type RuleKind = 'Domains' | 'Service' | 'Namespace' | 'NetworkSet' | 'Private' | 'Public';

export interface RuleView {
  kind: RuleKind;
  protocol: string;
  peer: { name?: string; namespace?: string; global?: boolean };
  ports: number[];
  domains?: string[];
  lastUpdated: string;
  evidence: { firstSeen: string; lastSeen: string; records: number; flows: number; bytesIn: number; bytesOut: number; examples: string[] };
}

export interface Impact {
  since?: string;
  flowsObserved?: number;
  wouldDeny?: { flows: number; lastSeen?: string; examples?: { direction: string; peer: string; protocol: string; port?: number }[] };
}

export interface Details extends Summary {
  version?: number;
  rules: { egress: RuleView[]; ingress: RuleView[] };
  impact?: Impact | null;
  manifest: { policy: unknown; domainSet?: unknown };
}

export interface ScopeSpec {
  interval: string;
  initialLookback: string;
  stabilizationPeriod: string;
  maxRules: number;
  policiesLearningCutOff: number;
  namespaceSpec: { recStatus: 'Enabled' | 'Disabled'; selector: string; intraNamespacePassThroughTraffic: boolean; tierName: string };
}

export interface BulkResult {
  namespace: string;
  status: string;
  tab?: Tab;
}

export interface PageConfig {
  oidc: { issuer: string; clientId: string; scope: string } | null;
}
