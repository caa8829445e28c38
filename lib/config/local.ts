import { integer, optional, type Env } from './env';

/** `npm start` settings (docs/architecture.md); names and defaults as the README documents them. */
export interface LocalConfig {
  readonly httpPort: number;
  readonly lambdaPort: number;
  readonly s3Port: number;
  readonly dynamoPort: number;
  readonly stateDir: string;
  readonly demo: boolean;
  /** Unset: generated once and kept in the state folder. */
  readonly hs256Secret?: string;
  /** Where serverless-offline runs (its build output goes there); unset: this checkout. */
  readonly serviceDir?: string;
}

/** The emulator child process (lib/local/emulators-main.ts), configured by its parent. */
export interface EmulatorConfig {
  readonly stateDir: string;
  readonly dynamoPort: number;
  readonly s3Port: number;
  readonly inMemoryDynamo: boolean;
}

export function loadEmulatorConfig(env: Env): EmulatorConfig {
  return Object.freeze({
    stateDir: optional(env, 'EMULATOR_STATE_DIR') ?? '.local',
    dynamoPort: integer(env, 'EMULATOR_DYNAMODB_PORT', 0, 0, 65535),
    s3Port: integer(env, 'EMULATOR_S3_PORT', 0, 0, 65535),
    inMemoryDynamo: optional(env, 'EMULATOR_DYNAMODB_IN_MEMORY') === '1',
  });
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
    serviceDir: optional(env, 'LOCAL_SERVICE_DIR'),
  });
}
