import { integer, optional, type Env } from './env';

/** `npm start` settings (architecture.md §6); names and defaults as the README documents them. */
export interface LocalConfig {
  readonly httpPort: number;
  readonly lambdaPort: number;
  readonly s3Port: number;
  readonly dynamoPort: number;
  readonly stateDir: string;
  readonly demo: boolean;
  /** Unset: generated once and kept in the state folder. */
  readonly hs256Secret?: string;
}

export function loadLocalConfig(env: Env): LocalConfig {
  return Object.freeze({
    httpPort: integer(env, 'LOCAL_HTTP_PORT', 3000, 1, 65535),
    lambdaPort: integer(env, 'LOCAL_LAMBDA_PORT', 3002, 1, 65535),
    s3Port: integer(env, 'LOCAL_S3_PORT', 4569, 1, 65535),
    dynamoPort: integer(env, 'LOCAL_DYNAMODB_PORT', 4567, 1, 65535),
    stateDir: optional(env, 'LOCAL_STATE_DIR') ?? '.local',
    demo: (optional(env, 'LOCAL_DEMO') ?? '1') !== '0',
    hs256Secret: optional(env, 'AUTH_HS256_SECRET'),
  });
}
