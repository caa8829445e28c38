import type { NetworkPolicy, NetworkSet, StagedAction, StagedNetworkPolicy, Tier } from '../../core/engine';
import type { Cluster } from '../cluster';
import type { NamespaceInfo } from '../store';

/**
 * The policy publisher port (docs/architecture.md): where a cluster's manifests go and what the
 * cluster says back. No vendor types; adapters translate their errors into `./errors`.
 * Every call is bounded by the adapter's timeout.
 */

/** The kinds this service writes (and therefore may delete). */
export type ManagedKind = 'StagedNetworkPolicy' | 'NetworkSet';

export interface ObjectRef {
  readonly kind: ManagedKind;
  readonly namespace: string;
  readonly name: string;
}

/** One of our StagedNetworkPolicies as the target holds it. */
export interface ObservedStagedPolicy {
  readonly namespace: string;
  readonly name: string;
  /** Absent when the object names no tier. */
  readonly tier?: string;
  /** Absent when the object carries no valid stagedAction. */
  readonly stagedAction?: StagedAction;
}

export interface ObservedObject {
  readonly namespace: string;
  readonly name: string;
}

export interface PolicyPublisher {
  /** Where manifests go, for messages; never contains credentials. */
  readonly description: string;
  /** Creates or updates the tier (never deletes it). */
  ensureTier(tier: Tier): Promise<void>;
  /** Server-side apply semantics: create or update; fields we set are ours. */
  apply(manifest: StagedNetworkPolicy | NetworkSet | NetworkPolicy): Promise<void>;
  /** Returns false when the object was already gone (not an error). */
  delete(ref: ObjectRef): Promise<boolean>;
  /** The namespaces and their labels; null when the target cannot tell (a directory). */
  listNamespaces(): Promise<NamespaceInfo[] | null>;
  /** Namespaces holding a NetworkPolicy in `tier` (enforced); null when unknown. */
  listEnforcedNamespaces(tier: string): Promise<ReadonlySet<string> | null>;
  /**
   * Our StagedNetworkPolicies in every tier (a previous tier's are ours to clean up); null when
   * unknown. Ours means carrying `app.kubernetes.io/managed-by: policy-recommender`: Calico's
   * recommendation labels alone are also written by Calico Enterprise's recommender.
   */
  listStagedPolicies(): Promise<ObservedStagedPolicy[] | null>;
  /** Our domain NetworkSets (managed-by label and `policyrecommendation.tigera.io/scope=Domains`); null when unknown. */
  listDomainSets(): Promise<ObservedObject[] | null>;
}

/** Builds the publisher for a cluster's target (reads the kubeconfig secret or file). */
export interface PublisherFactory {
  open(cluster: Cluster): Promise<PolicyPublisher>;
}

/** Structured log lines; fields never carry secrets. */
export interface PushLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: PushLogger = { info() {}, warn() {}, error() {} };
