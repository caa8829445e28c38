import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Batch, LedgerEntry, LedgerStore } from '../../app/store';
import { GSI1, keys, type DynamoContext } from './context';
import { conditionHolds, translate } from './errors';
import { queryAll } from './paginate';

/** Sort key of the sparse pending index: arrival time first, so reads go oldest first. */
function pendingSortKey(arrivedAt: number, key: string): string {
  return `${String(arrivedAt).padStart(12, '0')}#${key}`;
}

export function ledgerStore(ctx: DynamoContext): LedgerStore {
  return {
    addObject(cluster, entry, expiresAt) {
      return conditionHolds(cluster, keys.obj(entry.key), () =>
        ctx.doc.send(
          new PutCommand({
            TableName: ctx.table,
            Item: {
              pk: keys.pk(cluster),
              sk: keys.obj(entry.key),
              ...entry,
              state: 'pending',
              gsi1pk: keys.pending(cluster),
              gsi1sk: pendingSortKey(entry.arrivedAt, entry.key),
              expiresAt,
            },
            ConditionExpression: 'attribute_not_exists(pk) OR #s = :skipped',
            ExpressionAttributeNames: { '#s': 'state' },
            ExpressionAttributeValues: { ':skipped': 'skipped' },
          }),
        ),
      );
    },

    async listPending(cluster, limit) {
      const out = await translate(cluster, 'pending objects', () =>
        ctx.doc.send(
          new QueryCommand({
            TableName: ctx.table,
            IndexName: GSI1,
            KeyConditionExpression: 'gsi1pk = :p',
            ExpressionAttributeValues: { ':p': keys.pending(cluster) },
            Limit: limit,
          }),
        ),
      );
      return (out.Items ?? []).map((i) => ({
        key: i.key as string,
        state: 'pending' as const,
        size: i.size as number,
        etag: i.etag as string | undefined,
        arrivedAt: i.arrivedAt as number,
      })) satisfies LedgerEntry[];
    },

    async countPending(cluster, finished) {
      // Keys only, page by page: a backlog of any size is counted without loading the entries.
      const items = await translate(cluster, 'pending objects', () =>
        queryAll(ctx, {
          IndexName: GSI1,
          KeyConditionExpression: 'gsi1pk = :p',
          ExpressionAttributeValues: { ':p': keys.pending(cluster) },
          ProjectionExpression: '#k',
          ExpressionAttributeNames: { '#k': 'key' },
        }),
      );
      return items.filter((i) => !finished.has(i.key as string)).length;
    },

    async markObject(cluster, key, state, detail) {
      // Leaving the sparse index is what takes the object off the pending list.
      await translate(cluster, keys.obj(key), () =>
        ctx.doc.send(
          new UpdateCommand({
            TableName: ctx.table,
            Key: { pk: keys.pk(cluster), sk: keys.obj(key) },
            UpdateExpression: 'SET #s = :s, reason = :r, stats = :st REMOVE gsi1pk, gsi1sk',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#s': 'state' },
            ExpressionAttributeValues: { ':s': state, ':r': detail?.reason ?? null, ':st': detail?.stats ?? null },
          }),
        ),
      );
    },

    async deferObject(cluster, key, reason) {
      const out = await translate(cluster, keys.obj(key), () =>
        ctx.doc.send(
          new UpdateCommand({
            TableName: ctx.table,
            Key: { pk: keys.pk(cluster), sk: keys.obj(key) },
            UpdateExpression: 'SET attempts = if_not_exists(attempts, :zero) + :one, reason = :r',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':r': reason },
            ReturnValues: 'UPDATED_NEW',
          }),
        ),
      );
      return (out.Attributes?.attempts as number | undefined) ?? 1;
    },

    async getOpenBatch(cluster) {
      const out = await translate(cluster, keys.batch, () =>
        ctx.doc.send(new GetCommand({ TableName: ctx.table, Key: { pk: keys.pk(cluster), sk: keys.batch }, ConsistentRead: true })),
      );
      return out.Item ? ({ id: out.Item.id as string, keys: out.Item.keys as string[] } satisfies Batch) : undefined;
    },

    async openBatch(cluster, batch) {
      await translate(cluster, keys.batch, () =>
        ctx.doc.send(
          new PutCommand({
            TableName: ctx.table,
            Item: { pk: keys.pk(cluster), sk: keys.batch, id: batch.id, keys: [...batch.keys] },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
    },

    async closeBatch(cluster, batchId) {
      await translate(cluster, keys.batch, () =>
        ctx.doc.send(
          new DeleteCommand({
            TableName: ctx.table,
            Key: { pk: keys.pk(cluster), sk: keys.batch },
            ConditionExpression: 'id = :id',
            ExpressionAttributeValues: { ':id': batchId },
          }),
        ),
      );
    },
  };
}
