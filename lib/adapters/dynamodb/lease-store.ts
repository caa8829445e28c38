import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { LeaseStore } from '../../app/store';
import { keys, type DynamoContext } from './context';
import { conditionHolds } from './errors';

export function leaseStore(ctx: DynamoContext): LeaseStore {
  return {
    acquireLease(cluster, job, owner, now, ttlSeconds) {
      return conditionHolds(cluster, keys.lease(job), () =>
        ctx.doc.send(
          new PutCommand({
            TableName: ctx.table,
            Item: { pk: keys.pk(cluster), sk: keys.lease(job), owner, leaseUntil: now + ttlSeconds, expiresAt: now + ttlSeconds + 86_400 },
            // Free, expired, or already ours (a retried acquire is not a conflict).
            ConditionExpression: 'attribute_not_exists(pk) OR leaseUntil < :now OR #o = :owner',
            ExpressionAttributeNames: { '#o': 'owner' },
            ExpressionAttributeValues: { ':now': now, ':owner': owner },
          }),
        ),
      );
    },

    async releaseLease(cluster, job, owner) {
      // Not ours any more (expired and taken by another run): then it is theirs to release.
      await conditionHolds(cluster, keys.lease(job), () =>
        ctx.doc.send(
          new DeleteCommand({
            TableName: ctx.table,
            Key: { pk: keys.pk(cluster), sk: keys.lease(job) },
            ConditionExpression: '#o = :owner',
            ExpressionAttributeNames: { '#o': 'owner' },
            ExpressionAttributeValues: { ':owner': owner },
          }),
        ),
      );
    },
  };
}
