import type { Clock } from '../../core/engine';
import type { ClusterStore, RecommendationStore } from '../store';
import type { ImpactStore } from '../impact/impact-store';

export interface BoardDeps {
  readonly store: ClusterStore & RecommendationStore & ImpactStore;
  readonly clock: Clock;
  /** Whether the deletion job can reach clusters; if not, `purge` requests are refused rather than ignored. */
  readonly canPurge?: boolean;
  /** What this deployment may read; registrations outside it would only fail later on IAM. */
  readonly reach?: DeploymentReach;
}

export interface DeploymentReach {
  /** Buckets the processing role may read; empty = any. */
  readonly buckets: readonly string[];
  /** Secrets Manager name prefix the push role may read; empty = any. */
  readonly secretsPrefix: string;
  /**
   * `kubeconfigFile` and `directory` targets name paths on the function's own disk: the local
   * stack only. False (the deployed default) refuses them.
   */
  readonly localTargets?: boolean;
  /** Role ARN patterns (`*` wildcard) the push role may assume for EKS targets; empty = none. */
  readonly eksRoleArns?: readonly string[];
}
