import { BatchWriteCommand, DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RecommendationStore, StoredRecommendation } from '../../app/store';
import type { Recommendation } from '../../core/engine';
import { keys, type DynamoContext } from './context';
import { conditionHolds, translate } from './errors';
import { queryAll } from './paginate';
import { versionedPut } from './cluster-store';

const TOMBSTONE_SECONDS = 7 * 86_400;

function fromItem(item: Record<string, unknown>): StoredRecommendation {
  return {
    value: item.rec as Recommendation,
    version: item.version as number,
    publishedVersion: (item.publishedVersion as number | undefined) ?? null,
    appliedBatch: item.appliedBatch as string | undefined,
    published: item.published as StoredRecommendation['published'],
  };
}

export function recommendationStore(ctx: DynamoContext): RecommendationStore {
  const prefixQuery = (cluster: string, prefix: string) =>
    translate(cluster, prefix, () =>
      queryAll(ctx, {
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
        ExpressionAttributeValues: { ':p': keys.pk(cluster), ':s': prefix },
        ConsistentRead: true,
      }),
    );

  return {
    async listRecommendations(cluster) {
      return (await prefixQuery(cluster, 'REC#')).map(fromItem);
    },

    async getRecommendation(cluster, namespace) {
      const out = await translate(cluster, keys.rec(namespace), () =>
        ctx.doc.send(new GetCommand({ TableName: ctx.table, Key: { pk: keys.pk(cluster), sk: keys.rec(namespace) }, ConsistentRead: true })),
      );
      return out.Item ? fromItem(out.Item) : undefined;
    },

    async putRecommendation(cluster, rec, expectedVersion, appliedBatch) {
      // An update (not a put) so publishedVersion, which the pusher owns, is left as it is.
      if (expectedVersion === null) {
        return versionedPut(ctx, cluster, keys.rec(rec.namespace), { pk: keys.pk(cluster), sk: keys.rec(rec.namespace), rec, appliedBatch }, null);
      }
      const version = expectedVersion + 1;
      await translate(cluster, keys.rec(rec.namespace), () =>
        ctx.doc.send(
          new UpdateCommand({
            TableName: ctx.table,
            Key: { pk: keys.pk(cluster), sk: keys.rec(rec.namespace) },
            UpdateExpression: appliedBatch === undefined ? 'SET rec = :rec, version = :nv' : 'SET rec = :rec, version = :nv, appliedBatch = :b',
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':rec': rec, ':nv': version, ':v': expectedVersion, ...(appliedBatch === undefined ? {} : { ':b': appliedBatch }) },
          }),
        ),
      );
      return version;
    },

    async deleteRecommendation(cluster, namespace, expectedVersion) {
      await translate(cluster, keys.rec(namespace), () =>
        ctx.doc.send(
          new DeleteCommand({
            TableName: ctx.table,
            Key: { pk: keys.pk(cluster), sk: keys.rec(namespace) },
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':v': expectedVersion },
          }),
        ),
      );
    },

    async markPublished(cluster, namespace, version, published) {
      // A failed condition means already marked at this version or later, or deleted meanwhile.
      await conditionHolds(cluster, keys.rec(namespace), () =>
        ctx.doc.send(
          new UpdateCommand({
            TableName: ctx.table,
            Key: { pk: keys.pk(cluster), sk: keys.rec(namespace) },
            UpdateExpression: published ? 'SET publishedVersion = :v, published = :p' : 'SET publishedVersion = :v',
            ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(publishedVersion) OR publishedVersion <= :v)',
            ExpressionAttributeValues: { ':v': version, ...(published ? { ':p': published } : {}) },
          }),
        ),
      );
    },

    async listNamespaces(cluster) {
      return (await prefixQuery(cluster, 'NS#'))
        .filter((i) => i.deleted !== true)
        .map((i) => ({ name: i.name as string, labels: (i.labels as Record<string, string>) ?? {} }));
    },

    async listDeletedNamespaces(cluster) {
      return (await prefixQuery(cluster, 'NS#')).filter((i) => i.deleted === true).map((i) => i.name as string);
    },

    async replaceNamespaces(cluster, namespaces, alsoGone = []) {
      const existing = new Set((await prefixQuery(cluster, 'NS#')).filter((i) => i.deleted !== true).map((i) => i.name as string));
      const requests: Record<string, unknown>[] = namespaces.map((n) => ({
        PutRequest: { Item: { pk: keys.pk(cluster), sk: keys.ns(n.name), name: n.name, labels: n.labels } },
      }));
      for (const gone of alsoGone) existing.add(gone);
      for (const n of namespaces) existing.delete(n.name);
      // Tombstones outlive any initial lookback in practice; records older than that are history.
      const expiresAt = Math.floor(Date.now() / 1000) + TOMBSTONE_SECONDS;
      for (const gone of existing) {
        requests.push({ PutRequest: { Item: { pk: keys.pk(cluster), sk: keys.ns(gone), name: gone, labels: {}, deleted: true, expiresAt } } });
      }
      for (let i = 0; i < requests.length; i += 25) {
        let chunk = requests.slice(i, i + 25);
        while (chunk.length > 0) {
          const out = await translate(cluster, 'namespaces', () => ctx.doc.send(new BatchWriteCommand({ RequestItems: { [ctx.table]: chunk } })));
          chunk = (out.UnprocessedItems?.[ctx.table] ?? []) as Record<string, unknown>[];
        }
      }
    },
  };
}
