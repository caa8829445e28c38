import type { RunStats } from '../core/stats';
import type { JobMarker } from './jobs/marker';

/** Where a cluster's manifests go (docs/architecture.md). Exactly one key is set. */
export type Target = { kubeconfigSecret: string } | { eks: EksTarget } | { kubeconfigFile: string } | { directory: string };

/** An EKS cluster reached through IAM: endpoint and CA from DescribeCluster, token from STS (docs/eks.md). */
export interface EksTarget {
  readonly name: string;
  readonly region: string;
  /** Assumed before signing the token; the function's own role when absent. */
  readonly roleArn?: string;
}

export interface FlowLogLocation {
  readonly bucket: string;
  /** The LogCollector's bucketPath, without a trailing slash; may be empty. */
  readonly prefix: string;
}

export interface RunSummary {
  readonly startedAt: string;
  readonly durationMs: number;
  /** `retried`: reads that failed and wait for the next run (up to MAX_READ_ATTEMPTS). */
  readonly objects: { done: number; failed: number; skipped: number; retried: number; pendingLeft: number };
  readonly stats: RunStats;
  readonly namespacesChanged: number;
  readonly queued: string[];
  readonly error?: string;
  readonly consecutiveFailures?: number;
  /** Unix seconds before which no run is started (backoff after failures). */
  readonly nextAttemptAt?: number;
  /** DynamoDB capacity the run consumed. */
  readonly capacity?: CapacityUnits;
}

/** Read and write capacity units consumed (DynamoDB's ReturnConsumedCapacity). */
export interface CapacityUnits {
  readonly read: number;
  readonly write: number;
}

export interface PushSummary {
  readonly startedAt: string;
  readonly durationMs: number;
  readonly applied: number;
  readonly deleted: number;
  readonly adopted: number;
  readonly error?: string;
  readonly consecutiveFailures: number;
  /** Unix seconds before which no push is attempted (backoff after failures). */
  readonly nextAttemptAt?: number;
  /** Counts runs, so every tenth reconciles everything. */
  readonly runCount: number;
  readonly capacity?: CapacityUnits;
}

export interface Cluster {
  readonly id: string;
  readonly flowLogs: FlowLogLocation;
  readonly target: Target;
  readonly clusterDomain: string;
  /** Unix seconds; the initial lookback is measured from here. */
  readonly registeredAt: number;
  /** Listing of the day partitions has covered everything up to here (Unix seconds). */
  readonly listedUntil?: number;
  readonly lastRun?: RunSummary;
  readonly lastPush?: PushSummary;
  /** Set while a job for this cluster is dispatched or running (see jobs/marker.ts). */
  readonly processJob?: JobMarker;
  readonly pushJob?: JobMarker;
  /** Set by unregistration: the cluster's state is being removed by a background job. */
  readonly deleting?: DeletionState;
}

export interface DeletionState {
  /** Unix seconds. */
  readonly requestedAt: number;
  /** Also remove our objects from the cluster. */
  readonly purge: boolean;
  /** Our objects are gone from the cluster (purge done). */
  readonly purged?: boolean;
  readonly error?: string;
}

/** Cluster ids are used in keys, paths and logs: a DNS-1123 label keeps them safe everywhere. */
export const CLUSTER_ID = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
