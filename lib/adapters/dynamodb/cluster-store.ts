import { BatchGetCommand, BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Cluster } from '../../app/cluster';
import { MARKER_FIELD } from '../../app/jobs/marker';
import type { ClusterStore, Versioned } from '../../app/store';
import type { ScopeSpec } from '../../core/scope';
import { GSI1, keys, type DynamoContext } from './context';
import { conditionHolds, translate } from './errors';
import { queryAll } from './paginate';

/** BatchGetItem takes at most 100 keys. */
const BATCH_GET = 100;

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

/** `SET #c.#field = :field` parts for fields of the cluster map. */
function setFields(fields: Record<string, unknown>, names: Record<string, string>, values: Record<string, unknown>): string[] {
  const sets: string[] = [];
  for (const [field, value] of Object.entries(fields)) {
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    sets.push(`#c.#${field} = :${field}`);
  }
  return sets;
}

export function clusterStore(ctx: DynamoContext): ClusterStore {
  const get = async (id: string, sk: string) =>
    (await translate(id, sk, () => ctx.doc.send(new GetCommand({ TableName: ctx.table, Key: { pk: keys.pk(id), sk }, ConsistentRead: true })))).Item;

  const update = (id: string, what: string, input: { UpdateExpression: string; ConditionExpression: string; names: Record<string, string>; values: Record<string, unknown> }) =>
    ctx.doc.send(
      new UpdateCommand({
        TableName: ctx.table,
        Key: { pk: keys.pk(id), sk: keys.cluster },
        UpdateExpression: input.UpdateExpression,
        ConditionExpression: input.ConditionExpression,
        ExpressionAttributeNames: { '#c': 'cluster', ...input.names },
        ...(Object.keys(input.values).length > 0 ? { ExpressionAttributeValues: input.values } : {}),
      }),
    );

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
      // An update replaces the registration only: summaries and job markers belong to the jobs,
      // which write them without a version, and must not be overwritten by a stale copy.
      const { lastRun: _run, lastPush: _push, processJob: _pj, pushJob: _psj, deleting: _d, listedUntil, ...registration } = cluster;
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = { ':v': expectedVersion, ':nv': expectedVersion + 1 };
      const sets = ['version = :nv', ...setFields({ ...registration, ...(listedUntil === undefined ? {} : { listedUntil }) }, names, values)];
      const remove = listedUntil === undefined ? ' REMOVE #c.#listedUntil' : '';
      if (remove) names['#listedUntil'] = 'listedUntil';
      await translate(cluster.id, 'cluster', () =>
        update(cluster.id, 'cluster', { UpdateExpression: `SET ${sets.join(', ')}${remove}`, ConditionExpression: 'version = :v', names, values }),
      );
      return expectedVersion + 1;
    },

    async updateClusterStatus(id, patch) {
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {};
      const sets = setFields(patch, names, values);
      if (sets.length === 0) return;
      await translate(id, 'cluster status', () =>
        update(id, 'cluster status', { UpdateExpression: `SET ${sets.join(', ')}`, ConditionExpression: 'attribute_exists(pk)', names, values }),
      );
    },

    swapJobMarker(id, kind, next, expected, status = {}) {
      const names: Record<string, string> = { '#m': MARKER_FIELD[kind] };
      const values: Record<string, unknown> = {};
      const sets = setFields(status, names, values);
      if (next) {
        values[':marker'] = next;
        sets.push('#c.#m = :marker');
      }
      let condition = 'attribute_exists(pk) AND attribute_not_exists(#c.#m)';
      if (expected !== null) {
        names['#id'] = 'id';
        values[':expected'] = expected;
        condition = '#c.#m.#id = :expected';
      }
      const expression = [sets.length > 0 ? `SET ${sets.join(', ')}` : '', next ? '' : 'REMOVE #c.#m'].filter(Boolean).join(' ');
      return conditionHolds(id, `${kind} job marker`, () => update(id, 'job marker', { UpdateExpression: expression, ConditionExpression: condition, names, values }));
    },

    markDeleting(id, deleting) {
      return conditionHolds(id, 'cluster', () =>
        update(id, 'cluster', { UpdateExpression: 'SET #c.#d = :d', ConditionExpression: 'attribute_exists(pk)', names: { '#d': 'deleting' }, values: { ':d': deleting } }),
      );
    },

    async deleteClusterItems(id, limit) {
      // One page of keys at a time, so a cluster with millions of ledger items is removed across
      // runs; the registration goes last, so the cluster shows `deleting` until everything is gone.
      const kept = (k: { sk: string }) => k.sk === keys.cluster || k.sk.startsWith('LEASE#');
      const found: { pk: string; sk: string }[] = [];
      let more = false;
      let start: Record<string, unknown> | undefined;
      do {
        const page = await translate(id, 'items', () =>
          ctx.doc.send(
            new QueryCommand({
              TableName: ctx.table,
              KeyConditionExpression: 'pk = :p',
              ExpressionAttributeValues: { ':p': keys.pk(id) },
              ProjectionExpression: 'pk, sk',
              Limit: limit + 1,
              ExclusiveStartKey: start,
            }),
          ),
        );
        found.push(...((page.Items ?? []) as { pk: string; sk: string }[]));
        start = page.LastEvaluatedKey;
        more = start !== undefined;
      } while (more && found.filter((k) => !kept(k)).length <= limit);
      const others = found.filter((k) => !kept(k));
      const batch = others.slice(0, limit);
      for (let i = 0; i < batch.length; i += 25) {
        let requests = batch.slice(i, i + 25).map((k) => ({ DeleteRequest: { Key: { pk: k.pk, sk: k.sk } } }));
        while (requests.length > 0) {
          const out = await translate(id, 'items', () => ctx.doc.send(new BatchWriteCommand({ RequestItems: { [ctx.table]: requests } })));
          requests = (out.UnprocessedItems?.[ctx.table] ?? []) as typeof requests;
        }
      }
      if (others.length > batch.length || more) return { done: false };
      // Nothing but the registration and the leases is left: remove them, the registration first.
      await translate(id, 'cluster', () => ctx.doc.send(new DeleteCommand({ TableName: ctx.table, Key: { pk: keys.pk(id), sk: keys.cluster } })));
      for (const lease of found.filter((k) => k.sk.startsWith('LEASE#'))) {
        await translate(id, lease.sk, () => ctx.doc.send(new DeleteCommand({ TableName: ctx.table, Key: { pk: lease.pk, sk: lease.sk } })));
      }
      return { done: true };
    },

    async getScope(cluster) {
      const item = await get(cluster, keys.scope);
      return item ? ({ value: item.spec as ScopeSpec, version: item.version as number } satisfies Versioned<ScopeSpec>) : undefined;
    },

    async getScopes(clusters) {
      const scopes = new Map<string, ScopeSpec>();
      for (let i = 0; i < clusters.length; i += BATCH_GET) {
        let request: Record<string, unknown>[] = clusters.slice(i, i + BATCH_GET).map((id) => ({ pk: keys.pk(id), sk: keys.scope }));
        while (request.length > 0) {
          const out = await translate('*', 'scopes', () => ctx.doc.send(new BatchGetCommand({ RequestItems: { [ctx.table]: { Keys: request } } })));
          for (const item of out.Responses?.[ctx.table] ?? []) scopes.set((item.pk as string).slice(keys.pk('').length), item.spec as ScopeSpec);
          request = (out.UnprocessedKeys?.[ctx.table]?.Keys ?? []) as Record<string, unknown>[];
        }
      }
      return scopes;
    },

    putScope(cluster, spec, expectedVersion) {
      return versionedPut(ctx, cluster, 'scope', { pk: keys.pk(cluster), sk: keys.scope, spec }, expectedVersion);
    },
  };
}
