import { TargetAccessError } from '../../app/push/errors';

/**
 * An EKS call failed (DescribeCluster, AssumeRole, credentials). Messages name the cluster, the
 * operation and the service's error code; never credentials nor the service's message text.
 */
export class EksAccessError extends TargetAccessError {
  override readonly name: string = 'EksAccessError';
  constructor(
    readonly clusterName: string,
    readonly operation: string,
    readonly code: string,
  ) {
    super(`EKS cluster ${clusterName}: ${operation} failed (${code})`);
  }
}

export function awsErrorName(err: unknown): string {
  const name = typeof err === 'object' && err !== null ? (err as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name !== 'Error' && /^[A-Za-z0-9_.:-]{1,100}$/.test(name) ? name : 'unknown error';
}
