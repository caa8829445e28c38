import type { Protocol } from '../flowlog/record';

/** Rule kinds as stored. `DomainSet` exists only in rendered output (see contraction). */
export type RuleKind = 'Domains' | 'Service' | 'Namespace' | 'NetworkSet' | 'Private' | 'Public';
export type Direction = 'egress' | 'ingress';
export type StagedAction = 'Learn' | 'Set' | 'Ignore';
export type Status = 'Learning' | 'Stabilizing' | 'Stable';
/**
 * `MaxRulesExceeded`: docs/engine.md (maxRules). `RuleLimitReached`: a storage bound below was hit, so some
 * traffic is not in the rules (the item must stay under DynamoDB's 400 KB).
 */
export type Warning = 'MaxRulesExceeded' | 'RuleLimitReached';
export type BoardTab = 'recommendations' | 'active' | 'dismissed' | 'enforced';

/** Why a rule exists: what was seen. Never affects the rendered manifest. */
export interface Evidence {
  /** Flow time (Unix seconds) of the earliest and latest record seen. */
  firstSeen: number;
  lastSeen: number;
  records: number;
  flows: number;
  bytesIn: number;
  bytesOut: number;
  /** Up to MAX_EXAMPLES peer workload names, the lexicographically smallest (order-independent). */
  examples: string[];
}

export const MAX_EXAMPLES = 5;

/** Storage bounds per recommendation item; reaching one adds the warning `RuleLimitReached`. */
export const LIMITS = { portsPerRule: 256, domainsPerRule: 256, rulesPerDirection: 1000 } as const;

/** Peer identity of a rule; which fields are set depends on the kind. */
export interface RulePeer {
  /** Service name, peer namespace (Namespace kind) or network-set name. */
  readonly name?: string;
  /** Service namespace or network-set namespace (absent for global sets). */
  readonly namespace?: string;
  readonly global?: boolean;
}

export interface Rule {
  readonly kind: RuleKind;
  readonly protocol: Protocol;
  readonly peer: RulePeer;
  /** Sorted ascending, unique; only for TCP/UDP/SCTP. For Domains: zero or one port (part of the key). */
  ports: number[];
  /** Domains kind only: sorted, unique. */
  domains: string[];
  /** RFC 3339 UTC, whole seconds: when the key first appeared or last grew. */
  lastUpdated: string;
  evidence: Evidence;
}

export interface Recommendation {
  readonly namespace: string;
  stagedAction: StagedAction;
  /** A NetworkPolicy exists in the tier for this namespace (read back from the cluster). */
  enforced: boolean;
  status: Status;
  /** Time of the last rule change (RFC 3339). */
  lastUpdated: string;
  egress: Rule[];
  ingress: Rule[];
  warnings: Warning[];
  /**
   * The user asked to enforce (docs/impact-and-enforce.md): the push replaces the staged policy by
   * a NetworkPolicy with the same rules. Absent otherwise.
   */
  enforcement?: Enforcement;
}

export interface Enforcement {
  /** RFC 3339: when the board action was taken. */
  readonly requestedAt: string;
  /** Enforced although the staged policy would deny observed flows. */
  readonly forced: boolean;
}

export const PORT_PROTOCOLS: ReadonlySet<Protocol> = new Set<Protocol>(['TCP', 'UDP', 'SCTP']);
