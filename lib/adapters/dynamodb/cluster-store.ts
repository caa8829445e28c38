import { BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Cluster } from '../../app/cluster';
import type { ClusterStore, Versioned } from '../../app/store';
import type { ScopeSpec } from '../../core/scope';
import { GSI1, keys, type DynamoContext } from './context';
import { translate } from './errors';
import { leaseStore } from './lease-store';
import { ConcurrentUpdateError } from '../../app/errors';

const UNREGISTER_LEASE_SECONDS = 120;
import { queryAll } from './paginate';

/** A conditional put: create when `expected` is null, otherwise replace only that version. */
export async function versionedPut(ctx: DynamoContext, cluster: string, what: string, item: Record<string, unknown>, expected: number | null): Promise<number> {
  const version = (expected ?? 0) + 1;
  await translate(cluster, what, () =>
    ctx.doc.send(
      new PutCommand({
        TableName: ctx.table,
        Item: { ...item, version },
        ConditionExpression: expected === null ? 'attribute_not_exists(pk)' : 'version = :v',
        ExpressionAttributeValues: expected === null ? undefined : { ':v': expected },
      }),
    ),
  );
  return version;
}

export function clusterStore(ctx: DynamoContext): ClusterStore {
  const get = async (id: string, sk: string) =>
    (await translate(id, sk, () => ctx.doc.send(new GetCommand({ TableName: ctx.table, Key: { pk: keys.pk(id), sk }, ConsistentRead: true })))).Item;

  return {
    async getCluster(id) {
      const item = await get(id, keys.cluster);
      return item ? { value: item.cluster as Cluster, version: item.version as number } : undefined;
    },

    async listClusters() {
      const items = await translate('*', 'cluster list', () =>
        queryAll(ctx, { IndexName: GSI1, KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': keys.allClusters } }),
      );
      // GSI reads are eventually consistent; the id order is stable for callers.
      return items.map((i) => ({ value: i.cluster as Cluster, version: i.version as number })).sort((a, b) => (a.value.id < b.value.id ? -1 : 1));
    },

    async putCluster(cluster, expectedVersion) {
      if (expectedVersion === null) {
        const item = { pk: keys.pk(cluster.id), sk: keys.cluster, gsi1pk: keys.allClusters, gsi1sk: cluster.id, cluster };
        return versionedPut(ctx, cluster.id, 'cluster', item, null);
      }
      // An update replaces the registration only: the run and push summaries belong to the jobs,
      // which write them without a version, and must not be overwritten by a stale copy.
      const { lastRun: _run, lastPush: _push, listedUntil, ...registration } = cluster;
      const names: Record<string, string> = { '#c': 'cluster' };
      const values: Record<string, unknown> = { ':v': expectedVersion, ':nv': expectedVersion + 1 };
      const sets = ['version = :nv'];
      for (const [field, value] of Object.entries({ ...registration, ...(listedUntil === undefined ? {} : { listedUntil }) })) {
        names[`#${field}`] = field;
        values[`:${field}`] = value;
        sets.push(`#c.#${field} = :${field}`);
      }
      const remove = listedUntil === undefined ? ' REMOVE #c.#listedUntil' : '';
      if (remove) names['#listedUntil'] = 'listedUntil';
      await translate(cluster.id, 'cluster', () =>
        ctx.doc.send(
          new UpdateCommand({
            TableName: ctx.table,
            Key: { pk: keys.pk(cluster.id), sk: keys.cluster },
            UpdateExpression: `SET ${sets.join(', ')}${remove}`,
            ConditionExpression: 'version = :v',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        ),
      );
      return expectedVersion + 1;
    },

    async updateClusterStatus(id, patch) {
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {};
      const sets: string[] = [];
      for (const [field, value] of Object.entries(patch)) {
        names[`#${field}`] = field;
        values[`:${field}`] = value;
        sets.push(`#c.#${field} = :${field}`);
      }
      if (sets.length === 0) return;
      await translate(id, 'cluster status', () =>
        ctx.doc.send(
          new UpdateCommand({
            TableName: ctx.table,
            Key: { pk: keys.pk(id), sk: keys.cluster },
            UpdateExpression: `SET ${sets.join(', ')}`,
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#c': 'cluster', ...names },
            ExpressionAttributeValues: values,
          }),
        ),
      );
    },

    async deleteCluster(id) {
      // Hold both job leases first: a run still writing would otherwise leave state behind for a
      // later registration under the same id. A run in progress makes this a retryable conflict.
      const now = Math.floor(Date.now() / 1000);
      const leases = leaseStore(ctx);
      for (const job of ['process', 'push']) {
        if (!(await leases.acquireLease(id, job, 'unregister', now, UNREGISTER_LEASE_SECONDS))) throw new ConcurrentUpdateError(id, `${job} run`);
      }
      // Registration first, so a run that starts meanwhile sees the cluster gone, then the rest
      // (the leases included).
      await translate(id, 'cluster', () => ctx.doc.send(new DeleteCommand({ TableName: ctx.table, Key: { pk: keys.pk(id), sk: keys.cluster } })));
      const items = await translate(id, 'items', () =>
        queryAll(ctx, { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': keys.pk(id) }, ProjectionExpression: 'pk, sk' }),
      );
      for (let i = 0; i < items.length; i += 25) {
        let requests = items.slice(i, i + 25).map((k) => ({ DeleteRequest: { Key: { pk: k.pk, sk: k.sk } } }));
        while (requests.length > 0) {
          const out = await translate(id, 'items', () => ctx.doc.send(new BatchWriteCommand({ RequestItems: { [ctx.table]: requests } })));
          requests = (out.UnprocessedItems?.[ctx.table] ?? []) as typeof requests;
        }
      }
    },

    async getScope(cluster) {
      const item = await get(cluster, keys.scope);
      return item ? ({ value: item.spec as ScopeSpec, version: item.version as number } satisfies Versioned<ScopeSpec>) : undefined;
    },

    putScope(cluster, spec, expectedVersion) {
      return versionedPut(ctx, cluster, 'scope', { pk: keys.pk(cluster), sk: keys.scope, spec }, expectedVersion);
    },
  };
}
