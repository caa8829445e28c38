import { randomUUID } from 'node:crypto';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createDynamoContext, dynamoStateStore } from '../../lib/adapters/dynamodb';
import { ensureTable } from '../../lib/adapters/dynamodb/table';
import { S3RVER_CREDENTIALS } from '../../lib/local/emulators';

const REGION = 'us-east-1';
const DYNAMO_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export function s3Client(): S3Client {
  return new S3Client({ endpoint: inject('s3Endpoint'), region: REGION, forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
}

export function dynamoConfig() {
  return { endpoint: inject('dynamoEndpoint'), region: REGION, credentials: DYNAMO_CREDENTIALS };
}

/** A fresh table in the shared emulator, so test files never see each other's state. */
export async function freshStore() {
  const table = `t-${randomUUID()}`;
  await ensureTable(new DynamoDBClient(dynamoConfig()), table);
  const ctx = createDynamoContext(table, dynamoConfig());
  return { table, ctx, store: dynamoStateStore(ctx) };
}

export async function freshBucket(s3: S3Client): Promise<string> {
  const bucket = `b-${randomUUID().slice(0, 18)}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  return bucket;
}

export async function putObject(s3: S3Client, bucket: string, key: string, body: Uint8Array | string): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}
