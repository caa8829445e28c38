import type { Recommendation } from '../core/engine';
import type { ScopeSpec } from '../core/scope';
import type { Cluster } from './cluster';
import type { JobKind, JobMarker } from './jobs/marker';
import type { ImpactStore } from './impact/impact-store';

/** Ports for the state the service keeps (docs/architecture.md). No vendor types. */

export interface Versioned<T> {
  readonly value: T;
  /** Incremented by every write; writes are conditional on it (optimistic locking). */
  readonly version: number;
}

/** What the last push put into the cluster, to tell a change made there from one made here. */
export interface PublishedState {
  readonly stagedAction: Recommendation['stagedAction'];
  /** Digest of the rendered manifests: unchanged manifests are not applied again. */
  readonly digest: string;
}

export interface StoredRecommendation extends Versioned<Recommendation> {
  /** The version last pushed to the cluster, or null if never. */
  readonly publishedVersion: number | null;
  readonly published?: PublishedState;
  /**
   * Whether `value`'s rules carry their evidence. Evidence is stored apart from the rules (it
   * changes with every batch, the rules rarely) and only read where it is shown or folded into.
   */
  readonly withEvidence: boolean;
  /** The processing batch whose records are already folded in (exactly-once on reruns). */
  readonly appliedBatch?: string;
}

export interface NamespaceInfo {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface ClusterStore {
  getCluster(id: string): Promise<Versioned<Cluster> | undefined>;
  listClusters(): Promise<Versioned<Cluster>[]>;
  /** `expectedVersion` null: must not exist yet. Returns the new version. */
  putCluster(cluster: Cluster, expectedVersion: number | null): Promise<number>;
  /** Sets job-owned fields (run / push summaries, listing progress) without a version check. */
  updateClusterStatus(id: string, patch: Partial<Pick<Cluster, 'lastRun' | 'lastPush' | 'listedUntil'>>): Promise<void>;
  /**
   * Replaces the job marker of `kind` when the current one has id `expected` (null: there is
   * none), setting the summary fields of `status` in the same write. False when another job
   * holds the marker (or the cluster is gone).
   */
  swapJobMarker(id: string, kind: JobKind, next: JobMarker | null, expected: string | null, status?: Partial<Pick<Cluster, 'lastRun' | 'lastPush'>>): Promise<boolean>;
  /** Marks the cluster as being deleted (a background job removes its state). False if it is gone. */
  markDeleting(id: string, deleting: NonNullable<Cluster['deleting']>): Promise<boolean>;
  /**
   * Removes up to `limit` items of the cluster, the registration last; returns whether anything
   * is left. The caller holds both job leases.
   */
  deleteClusterItems(id: string, limit: number): Promise<{ done: boolean }>;
  getScope(cluster: string): Promise<Versioned<ScopeSpec> | undefined>;
  /** The scopes of many clusters in few reads (a tick's due check); missing ones are absent. */
  getScopes(clusters: readonly string[]): Promise<Map<string, ScopeSpec>>;
  putScope(cluster: string, spec: ScopeSpec, expectedVersion: number | null): Promise<number>;
}

export interface RecommendationStore {
  /** Every recommendation of the cluster; with `evidence: false` the (larger) evidence is not read. */
  listRecommendations(cluster: string, options?: { readonly evidence?: boolean }): Promise<StoredRecommendation[]>;
  /** The same recommendations with their evidence (and batch marker) read. */
  loadEvidence(cluster: string, recs: readonly StoredRecommendation[]): Promise<StoredRecommendation[]>;
  getRecommendation(cluster: string, namespace: string): Promise<StoredRecommendation | undefined>;
  /**
   * Writes what differs from `previous` (null: creates it): the rules when they changed (a
   * conditional write on the version), a few attributes when only the state changed, nothing
   * when nothing did; the evidence, in its own item, when it changed and was read, or when
   * `appliedBatch` is given. Returns the version, which only rules and state changes bump.
   */
  putRecommendation(cluster: string, rec: Recommendation, previous: StoredRecommendation | null, appliedBatch?: string): Promise<number>;
  deleteRecommendation(cluster: string, namespace: string, expectedVersion: number): Promise<void>;
  /** Records that `version` reached the cluster; never moves backwards, never bumps `version`. */
  markPublished(cluster: string, namespace: string, version: number, published?: PublishedState): Promise<void>;
  /** Namespaces that exist in the cluster, as last read back. */
  listNamespaces(cluster: string): Promise<NamespaceInfo[]>;
  /** Namespaces seen deleted from the cluster (tombstones kept for a week): flows of theirs are not learned. */
  listDeletedNamespaces(cluster: string): Promise<string[]>;
  /**
   * Replaces the known namespaces with what the cluster reported at `now` (Unix seconds); the
   * missing ones, and `alsoGone` (known only through a recommendation), become tombstones.
   */
  replaceNamespaces(cluster: string, now: number, namespaces: readonly NamespaceInfo[], alsoGone?: Iterable<string>): Promise<void>;
}

export type ObjectState = 'pending' | 'done' | 'failed' | 'skipped';

export interface LedgerEntry {
  readonly key: string;
  readonly state: ObjectState;
  readonly size: number;
  readonly etag?: string;
  /** Unix seconds (S3 LastModified or notification time): the processing order. */
  readonly arrivedAt: number;
  readonly reason?: string;
}

/** A group of objects folded together; recorded before its effects so a rerun can finish it. */
export interface Batch {
  readonly id: string;
  readonly keys: readonly string[];
}

export interface LedgerStore {
  /**
   * Idempotent: returns false if the object was already known. An object `skipped` while
   * recommendations were disabled becomes pending again, so enabling learns the lookback.
   */
  addObject(cluster: string, entry: Omit<LedgerEntry, 'state'>, expiresAt: number): Promise<boolean>;
  /** Pending objects, oldest first. */
  listPending(cluster: string, limit: number): Promise<LedgerEntry[]>;
  /** How many objects are pending, not counting `finished` (the pending index is eventually consistent). */
  countPending(cluster: string, finished: ReadonlySet<string>): Promise<number>;
  markObject(cluster: string, key: string, state: Exclude<ObjectState, 'pending'>, detail?: { reason?: string; stats?: unknown }): Promise<void>;
  /** Leaves the object pending for a later run; returns how many reads have failed so far. */
  deferObject(cluster: string, key: string, reason: string): Promise<number>;
  getOpenBatch(cluster: string): Promise<Batch | undefined>;
  openBatch(cluster: string, batch: Batch): Promise<void>;
  closeBatch(cluster: string, batchId: string): Promise<void>;
}

export interface LeaseStore {
  /** Takes the lease if it is free or expired. Returns false when another owner holds it. */
  acquireLease(cluster: string, job: string, owner: string, now: number, ttlSeconds: number): Promise<boolean>;
  releaseLease(cluster: string, job: string, owner: string): Promise<void>;
}

export type StateStore = ClusterStore & RecommendationStore & LedgerStore & LeaseStore & ImpactStore;
