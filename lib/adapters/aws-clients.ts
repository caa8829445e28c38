import { S3Client } from '@aws-sdk/client-s3';
import type { AwsConfig } from '../config/aws';
import { createDynamoContext, dynamoStateStore } from './dynamodb';
import type { StateStore } from '../app/store';

const LOCAL_S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const LOCAL_DYNAMO_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Built once per container by each composition root. */
export function createStateStore(config: AwsConfig): StateStore {
  return dynamoStateStore(
    createDynamoContext(config.tableName, {
      region: config.region,
      ...(config.dynamoEndpoint ? { endpoint: config.dynamoEndpoint, credentials: LOCAL_DYNAMO_CREDENTIALS } : {}),
    }),
  );
}

export function createS3Client(config: AwsConfig): S3Client {
  return new S3Client({
    region: config.region,
    ...(config.s3Endpoint ? { endpoint: config.s3Endpoint, forcePathStyle: true, credentials: LOCAL_S3_CREDENTIALS } : {}),
  });
}
