import { ConfigError, integer, optional, type Env } from './env';

/** Fan-out settings shared by processFlows and pushPolicies (each function names itself). */
export interface JobsConfig {
  /** The function a tick invokes for each cluster: the function itself. */
  readonly functionName: string;
  /** Local stack only: serverless-offline's Lambda endpoint. */
  readonly lambdaEndpoint?: string;
  /** The function's timeout: a running job past it (plus a margin) died. */
  readonly timeoutSeconds: number;
  /** A dispatched job not started by then is dispatched again (the event's maximum age). */
  readonly dispatchTtlSeconds: number;
  /** Invocations a tick starts at the same time. */
  readonly dispatchParallelism: number;
}

export function loadJobsConfig(env: Env): JobsConfig {
  const functionName = optional(env, 'JOB_FUNCTION_NAME') ?? optional(env, 'AWS_LAMBDA_FUNCTION_NAME');
  if (!functionName) throw new ConfigError('JOB_FUNCTION_NAME (or AWS_LAMBDA_FUNCTION_NAME) is required');
  const config: JobsConfig = {
    functionName,
    lambdaEndpoint: optional(env, 'LAMBDA_ENDPOINT'),
    timeoutSeconds: integer(env, 'JOB_TIMEOUT_SECONDS', 300, 10, 900),
    dispatchTtlSeconds: integer(env, 'JOB_DISPATCH_TTL_SECONDS', 900, 60, 21_600),
    dispatchParallelism: integer(env, 'JOB_DISPATCH_PARALLELISM', 16, 1, 128),
  };
  if (config.dispatchTtlSeconds <= config.timeoutSeconds) throw new ConfigError('JOB_DISPATCH_TTL_SECONDS must be longer than JOB_TIMEOUT_SECONDS');
  return Object.freeze(config);
}
