import { DEFAULT_LIMITS, type ProcessLimits } from '../app/process/ports';
import { ConfigError, integer, optional, type Env } from './env';

export interface ProcessConfig {
  readonly parallelism: number;
  readonly limits: ProcessLimits;
}

/**
 * processFlows / indexFlowLogs settings. FLOW_LOG_NOTIFICATIONS=off (the local stack) makes every
 * run list the day partitions, since no S3 notifications reach the ledger there.
 */
export function loadProcessConfig(env: Env): ProcessConfig {
  const notifications = optional(env, 'FLOW_LOG_NOTIFICATIONS') ?? 'on';
  if (notifications !== 'on' && notifications !== 'off') throw new ConfigError('FLOW_LOG_NOTIFICATIONS must be "on" or "off"');
  return Object.freeze({
    parallelism: integer(env, 'PROCESS_PARALLELISM', 4, 1, 64),
    limits: Object.freeze({
      ...DEFAULT_LIMITS,
      notifications: notifications === 'on',
      maxObjectsPerBatch: integer(env, 'PROCESS_MAX_OBJECTS_PER_BATCH', DEFAULT_LIMITS.maxObjectsPerBatch, 1, 1000),
      timeMarginMs: integer(env, 'PROCESS_TIME_MARGIN_MS', DEFAULT_LIMITS.timeMarginMs, 0, 600_000),
    }),
  });
}
