import { BatchGetCommand, BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RecommendationStore, StoredRecommendation } from '../../app/store';
import { joinEvidence, splitEvidence, type EvidenceMap, type Recommendation, type StoredRules } from '../../core/engine';
import { keys, type DynamoContext } from './context';
import { conditionHolds, translate } from './errors';
import { queryAll } from './paginate';
import { versionedPut } from './cluster-store';

const TOMBSTONE_SECONDS = 7 * 86_400;
const BATCH_GET = 100;
/** What is not state: identity and rules. Every other field is state a board action or read-back may change alone. */
const NOT_STATE = new Set(['namespace', 'egress', 'ingress']);

interface EvidenceItem {
  readonly evidence: EvidenceMap;
  readonly appliedBatch?: string;
}

function fromItems(item: Record<string, unknown>, evidence: EvidenceItem | undefined, withEvidence: boolean): StoredRecommendation {
  return {
    value: joinEvidence(item.rec as StoredRules, evidence?.evidence),
    version: item.version as number,
    publishedVersion: (item.publishedVersion as number | undefined) ?? null,
    published: item.published as StoredRecommendation['published'],
    withEvidence,
    ...(evidence?.appliedBatch === undefined ? {} : { appliedBatch: evidence.appliedBatch }),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sameLabels = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>) => same(Object.entries(a).sort(), Object.entries(b).sort());

export function recommendationStore(ctx: DynamoContext): RecommendationStore {
  const prefixQuery = (cluster: string, prefix: string) =>
    translate(cluster, prefix, () =>
      queryAll(ctx, {
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
        ExpressionAttributeValues: { ':p': keys.pk(cluster), ':s': prefix },
        ConsistentRead: true,
      }),
    );

  const update = (cluster: string, namespace: string, expression: string, names: Record<string, string>, values: Record<string, unknown>) =>
    translate(cluster, keys.rec(namespace), () =>
      ctx.doc.send(
        new UpdateCommand({
          TableName: ctx.table,
          Key: { pk: keys.pk(cluster), sk: keys.rec(namespace) },
          UpdateExpression: expression,
          ConditionExpression: 'version = :v',
          ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: values,
        }),
      ),
    );

  const putEvidence = (cluster: string, namespace: string, evidence: EvidenceMap, appliedBatch: string | undefined) =>
    translate(cluster, keys.evidence(namespace), () =>
      ctx.doc.send(
        new PutCommand({ TableName: ctx.table, Item: { pk: keys.pk(cluster), sk: keys.evidence(namespace), evidence, ...(appliedBatch === undefined ? {} : { appliedBatch }) } }),
      ),
    );

  async function evidenceOf(cluster: string, namespaces: readonly string[]): Promise<Map<string, EvidenceItem>> {
    const found = new Map<string, EvidenceItem>();
    for (let i = 0; i < namespaces.length; i += BATCH_GET) {
      let request: Record<string, unknown>[] = namespaces.slice(i, i + BATCH_GET).map((ns) => ({ pk: keys.pk(cluster), sk: keys.evidence(ns) }));
      while (request.length > 0) {
        const out = await translate(cluster, 'evidence', () => ctx.doc.send(new BatchGetCommand({ RequestItems: { [ctx.table]: { Keys: request, ConsistentRead: true } } })));
        for (const item of out.Responses?.[ctx.table] ?? []) found.set((item.sk as string).slice(keys.evidence('').length), item as unknown as EvidenceItem);
        request = (out.UnprocessedKeys?.[ctx.table]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return found;
  }

  return {
    async listRecommendations(cluster, options = {}) {
      const withEvidence = options.evidence ?? true;
      const items = await prefixQuery(cluster, 'REC#');
      const evidence = withEvidence
        ? new Map((await prefixQuery(cluster, 'EVID#')).map((i) => [(i.sk as string).slice(keys.evidence('').length), i as unknown as EvidenceItem]))
        : new Map<string, EvidenceItem>();
      return items.map((i) => fromItems(i, evidence.get((i.rec as Recommendation).namespace), withEvidence));
    },

    async loadEvidence(cluster, recs) {
      const missing = recs.filter((r) => !r.withEvidence);
      if (missing.length === 0) return [...recs];
      const evidence = await evidenceOf(
        cluster,
        missing.map((r) => r.value.namespace),
      );
      return recs.map((r) => {
        if (r.withEvidence) return r;
        const { rules } = splitEvidence(r.value);
        const item = evidence.get(r.value.namespace);
        return { ...r, value: joinEvidence(rules, item?.evidence), withEvidence: true, ...(item?.appliedBatch === undefined ? {} : { appliedBatch: item.appliedBatch }) };
      });
    },

    async getRecommendation(cluster, namespace) {
      const out = await translate(cluster, keys.rec(namespace), () =>
        ctx.doc.send(new GetCommand({ TableName: ctx.table, Key: { pk: keys.pk(cluster), sk: keys.rec(namespace) }, ConsistentRead: true })),
      );
      if (!out.Item) return undefined;
      return fromItems(out.Item, (await evidenceOf(cluster, [namespace])).get(namespace), true);
    },

    async putRecommendation(cluster, rec, previous, appliedBatch) {
      const ns = rec.namespace;
      const next = splitEvidence(rec);
      let version: number;
      if (previous === null) {
        // An update elsewhere (publishedVersion is the pusher's) never meets a put: this one only creates.
        version = await versionedPut(ctx, cluster, keys.rec(ns), { pk: keys.pk(cluster), sk: keys.rec(ns), rec: next.rules }, null);
      } else {
        const before = splitEvidence(previous.value);
        version = previous.version;
        const rulesChanged = !same(next.rules.egress, before.rules.egress) || !same(next.rules.ingress, before.rules.ingress);
        const fields = new Set([...Object.keys(next.rules), ...Object.keys(before.rules)].filter((f) => !NOT_STATE.has(f)));
        const state = (r: StoredRules) => r as unknown as Record<string, unknown>;
        const changedState = [...fields].filter((f) => !same(state(next.rules)[f], state(before.rules)[f])).sort();
        if (rulesChanged) {
          await update(cluster, ns, 'SET rec = :rec, version = :nv', {}, { ':rec': next.rules, ':nv': version + 1, ':v': version });
          version++;
        } else if (changedState.length > 0) {
          // A status or stagedAction change: a few attributes, the rules untouched.
          const names = Object.fromEntries(changedState.map((f) => [`#${f}`, f]));
          const set = changedState.filter((f) => state(next.rules)[f] !== undefined);
          const removed = changedState.filter((f) => state(next.rules)[f] === undefined);
          const values = Object.fromEntries(set.map((f) => [`:${f}`, state(next.rules)[f]]));
          const expression = `SET ${[...set.map((f) => `rec.#${f} = :${f}`), 'version = :nv'].join(', ')}${removed.length > 0 ? ` REMOVE ${removed.map((f) => `rec.#${f}`).join(', ')}` : ''}`;
          await update(cluster, ns, expression, names, { ...values, ':nv': version + 1, ':v': version });
          version++;
        }
        // Evidence that was not read is not known to have changed: never overwrite it with placeholders.
        const evidenceChanged = previous.withEvidence && !same(next.evidence, before.evidence);
        if (!evidenceChanged && appliedBatch === undefined) return version;
      }
      await putEvidence(cluster, ns, next.evidence, appliedBatch);
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
      await translate(cluster, keys.evidence(namespace), () =>
        ctx.doc.send(new DeleteCommand({ TableName: ctx.table, Key: { pk: keys.pk(cluster), sk: keys.evidence(namespace) } })),
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
      return (await prefixQuery(cluster, 'NS#')).filter((i) => i.deleted !== true).map((i) => ({ name: i.name as string, labels: (i.labels as Record<string, string>) ?? {} }));
    },

    async listDeletedNamespaces(cluster) {
      return (await prefixQuery(cluster, 'NS#')).filter((i) => i.deleted === true).map((i) => i.name as string);
    },

    async replaceNamespaces(cluster, now, namespaces, alsoGone = []) {
      // Only what differs is written: an unchanged cluster costs one query and no write.
      const stored = new Map((await prefixQuery(cluster, 'NS#')).map((i) => [i.name as string, i]));
      const requests: Record<string, unknown>[] = [];
      for (const n of namespaces) {
        const known = stored.get(n.name);
        if (known && known.deleted !== true && sameLabels((known.labels as Record<string, string>) ?? {}, n.labels)) continue;
        requests.push({ PutRequest: { Item: { pk: keys.pk(cluster), sk: keys.ns(n.name), name: n.name, labels: n.labels } } });
      }
      const present = new Set(namespaces.map((n) => n.name));
      const gone = new Set([...stored.values()].filter((i) => i.deleted !== true).map((i) => i.name as string));
      for (const name of alsoGone) if (stored.get(name)?.deleted !== true) gone.add(name);
      // Tombstones outlive any initial lookback in practice; records older than that are history.
      const expiresAt = now + TOMBSTONE_SECONDS;
      for (const name of gone) {
        if (present.has(name)) continue;
        requests.push({ PutRequest: { Item: { pk: keys.pk(cluster), sk: keys.ns(name), name, labels: {}, deleted: true, expiresAt } } });
      }
      for (let i = 0; i < requests.length; i += 25) {
        let chunk = requests.slice(i, i + 25);
        while (chunk.length > 0) {
          const out = await translate(cluster, 'namespaces', () => ctx.doc.send(new BatchWriteCommand({ RequestItems: { [ctx.table]: chunk } })));
          chunk = out.UnprocessedItems?.[ctx.table] ?? [];
        }
      }
    },
  };
}
