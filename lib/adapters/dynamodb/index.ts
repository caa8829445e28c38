import type { StateStore } from '../../app/store';
import { clusterStore } from './cluster-store';
import type { DynamoContext } from './context';
import { leaseStore } from './lease-store';
import { ledgerStore } from './ledger-store';
import { recommendationStore } from './recommendation-store';
import { impactStore } from './impact-store';

export { createDynamoContext, type DynamoContext } from './context';
export { tableDefinition } from './table';

export function dynamoStateStore(ctx: DynamoContext): StateStore {
  return { ...clusterStore(ctx), ...recommendationStore(ctx), ...ledgerStore(ctx), ...leaseStore(ctx), ...impactStore(ctx) };
}
