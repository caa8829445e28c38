import { optional, required, type Env } from './env';

/**
 * Where the AWS services are. In AWS only TABLE_NAME is set; locally the endpoints point at the
 * embedded emulators (s3rver needs path-style addressing and its fixed credentials).
 */
export interface AwsConfig {
  readonly tableName: string;
  readonly region: string;
  readonly dynamoEndpoint?: string;
  readonly s3Endpoint?: string;
  readonly s3ForcePathStyle: boolean;
  readonly secretsEndpoint?: string;
}

export function loadAwsConfig(env: Env): AwsConfig {
  return Object.freeze({
    tableName: required(env, 'TABLE_NAME'),
    region: optional(env, 'AWS_REGION') ?? 'us-east-1',
    dynamoEndpoint: optional(env, 'DYNAMODB_ENDPOINT'),
    s3Endpoint: optional(env, 'S3_ENDPOINT'),
    s3ForcePathStyle: optional(env, 'S3_ENDPOINT') !== undefined,
    secretsEndpoint: optional(env, 'SECRETS_MANAGER_ENDPOINT'),
  });
}
