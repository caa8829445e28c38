import { ConfigError, optional, type Env } from './env';

/** Whether this is the local stack (`npm start`, serverless-offline) or a deployment in AWS. */
export interface DeploymentConfig {
  /**
   * Local stack: `kubeconfigFile` and `directory` targets and plain-http API servers are allowed.
   * Deployed (the default): refused, they would name paths on the function's disk.
   */
  readonly localStack: boolean;
  /** Role ARN patterns (`*` wildcard) EKS targets may name; the push role may assume only these. */
  readonly eksRoleArns: readonly string[];
}

/** LOCAL_STACK=true|false; unset, serverless-offline's IS_OFFLINE decides. */
export function loadDeploymentConfig(env: Env): DeploymentConfig {
  const raw = optional(env, 'LOCAL_STACK') ?? (optional(env, 'IS_OFFLINE') === 'true' ? 'true' : 'false');
  if (raw !== 'true' && raw !== 'false') throw new ConfigError('LOCAL_STACK must be "true" or "false"');
  const eksRoleArns = (optional(env, 'EKS_ASSUME_ROLE_ARNS') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return Object.freeze({ localStack: raw === 'true', eksRoleArns: Object.freeze(eksRoleArns) });
}
