import type { DeploymentReach } from '../app/board/ports';
import { loadDeploymentConfig } from './deployment';
import { optional, type Env } from './env';

/**
 * What the deployment's IAM roles can read (serverless.yml passes the same parameters to the
 * api function), so registration refuses what could only fail later. Unset means any.
 */
export function loadReachConfig(env: Env): DeploymentReach {
  const buckets = (optional(env, 'FLOW_LOG_BUCKETS') ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
  const deployment = loadDeploymentConfig(env);
  return Object.freeze({
    buckets: Object.freeze(buckets),
    secretsPrefix: optional(env, 'SECRETS_PREFIX') ?? '',
    localTargets: deployment.localStack,
    eksRoleArns: deployment.eksRoleArns,
  });
}
