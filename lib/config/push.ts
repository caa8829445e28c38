import { ConfigError, integer, type Env } from './env';

/** Settings of the pushPolicies function. Read once per container; frozen. */
export interface PushConfig {
  /** Upper bound of every call to a cluster (or directory). */
  readonly callTimeoutMs: number;
  /** Clusters pushed at the same time by one invocation. */
  readonly parallelism: number;
  /** Per-cluster lease; slightly above the Lambda timeout so a crashed run frees it soon after. */
  readonly leaseSeconds: number;
  /** No new cluster is started when less than this remains of the invocation. */
  readonly timeMarginMs: number;
  /** How long a kubeconfig read from Secrets Manager is reused (rotation takes effect after it). */
  readonly secretCacheSeconds: number;
}

export function loadPushConfig(env: Env): PushConfig {
  const config: PushConfig = {
    callTimeoutMs: integer(env, 'PUSH_CALL_TIMEOUT_MS', 10_000, 100, 120_000),
    parallelism: integer(env, 'PUSH_PARALLELISM', 4, 1, 32),
    leaseSeconds: integer(env, 'PUSH_LEASE_SECONDS', 330, 30, 3_600),
    timeMarginMs: integer(env, 'PUSH_TIME_MARGIN_MS', 60_000, 0, 900_000),
    secretCacheSeconds: integer(env, 'PUSH_SECRET_CACHE_SECONDS', 300, 0, 3_600),
  };
  // A cluster started just above the margin must still be able to finish at least one call.
  if (config.timeMarginMs < config.callTimeoutMs) {
    throw new ConfigError('PUSH_TIME_MARGIN_MS must be at least PUSH_CALL_TIMEOUT_MS');
  }
  return Object.freeze(config);
}
