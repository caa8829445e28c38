import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { attachCapacityMeter } from './capacity';

export interface DynamoContext {
  readonly doc: DynamoDBDocumentClient;
  readonly table: string;
}

export function createDynamoContext(table: string, config: DynamoDBClientConfig = {}): DynamoContext {
  const client = new DynamoDBClient(config);
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } });
  attachCapacityMeter(doc);
  return { doc, table };
}

/** Key layout (docs/architecture.md); one place so no other file builds keys by hand. */
export const keys = {
  pk: (cluster: string) => `CLUSTER#${cluster}`,
  cluster: 'CLUSTER',
  scope: 'SCOPE',
  rec: (namespace: string) => `REC#${namespace}`,
  /** A recommendation's evidence and batch marker: they change with every batch, the rules rarely. */
  evidence: (namespace: string) => `EVID#${namespace}`,
  impact: (namespace: string) => `IMPACT#${namespace}`,
  ns: (namespace: string) => `NS#${namespace}`,
  obj: (key: string) => `OBJ#${key}`,
  lease: (job: string) => `LEASE#${job}`,
  batch: 'BATCH',
  /** GSI1 partitions: all clusters, and the pending objects of one cluster (sparse). */
  allClusters: 'CLUSTERS',
  pending: (cluster: string) => `PENDING#${cluster}`,
} as const;

export const GSI1 = 'gsi1';
