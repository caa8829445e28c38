import type { Clock } from '../../core/engine';
import type { Cluster } from '../cluster';
import type { ClusterStore, RecommendationStore } from '../store';
import type { ImpactStore } from '../impact/impact-store';

/** Removes what the service wrote into a cluster (staged policies, domain sets). */
export interface ClusterPurger {
  purge(cluster: Cluster): Promise<void>;
}

export interface BoardDeps {
  readonly store: ClusterStore & RecommendationStore & ImpactStore;
  readonly clock: Clock;
  /** Absent: `purge` requests are refused rather than silently ignored. */
  readonly purger?: ClusterPurger;
  /** What this deployment may read; registrations outside it would only fail later on IAM. */
  readonly reach?: DeploymentReach;
}

export interface DeploymentReach {
  /** Buckets the processing role may read; empty = any. */
  readonly buckets: readonly string[];
  /** Secrets Manager name prefix the push role may read; empty = any. */
  readonly secretsPrefix: string;
}
