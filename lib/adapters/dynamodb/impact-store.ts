import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ImpactStore, StoredImpact } from '../../app/impact/impact-store';
import type { Impact } from '../../core/impact';
import { keys, type DynamoContext } from './context';
import { translate } from './errors';
import { queryAll } from './paginate';

/**
 * `IMPACT#<namespace>` items under the cluster: the impact window of one recommendation (a few
 * numbers and at most ten examples), written by processing alone with one small update.
 */
function fromItem(item: Record<string, unknown>): StoredImpact {
  const value: Impact = {
    rulesAt: item.rulesAt as string,
    since: item.since as number,
    flowsObserved: item.flowsObserved as number,
    firstObserved: item.firstObserved as number,
    wouldDenyFlows: item.wouldDenyFlows as number,
    wouldDenyLastSeen: item.wouldDenyLastSeen as number,
    examples: (item.examples as Impact['examples'] | undefined) ?? [],
  };
  return { value, rev: item.rev as number, ...(typeof item.appliedBatch === 'string' ? { appliedBatch: item.appliedBatch } : {}) };
}

const PREFIX = 'IMPACT#';

export function impactStore(ctx: DynamoContext): ImpactStore {
  return {
    async listImpacts(cluster) {
      const items = await translate(cluster, PREFIX, () =>
        queryAll(ctx, {
          KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
          ExpressionAttributeValues: { ':p': keys.pk(cluster), ':s': PREFIX },
          ConsistentRead: true,
        }),
      );
      return new Map(items.map((i) => [(i.sk as string).slice(PREFIX.length), fromItem(i)]));
    },

    async getImpact(cluster, namespace) {
      const out = await translate(cluster, keys.impact(namespace), () =>
        ctx.doc.send(new GetCommand({ TableName: ctx.table, Key: { pk: keys.pk(cluster), sk: keys.impact(namespace) }, ConsistentRead: true })),
      );
      return out.Item ? fromItem(out.Item) : undefined;
    },

    async putImpact(cluster, namespace, impact, expectedRev, appliedBatch) {
      const v = impact;
      await translate(cluster, keys.impact(namespace), () =>
        ctx.doc.send(
          new UpdateCommand({
            TableName: ctx.table,
            Key: { pk: keys.pk(cluster), sk: keys.impact(namespace) },
            UpdateExpression:
              'SET rulesAt = :r, since = :s, flowsObserved = :f, firstObserved = :fo, wouldDenyFlows = :d, wouldDenyLastSeen = :dl, examples = :x, rev = :nr' +
              (appliedBatch === undefined ? ' REMOVE appliedBatch' : ', appliedBatch = :b'),
            ConditionExpression: expectedRev === null ? 'attribute_not_exists(pk)' : 'rev = :rev',
            ExpressionAttributeValues: {
              ':r': v.rulesAt,
              ':s': v.since,
              ':f': v.flowsObserved,
              ':fo': v.firstObserved,
              ':d': v.wouldDenyFlows,
              ':dl': v.wouldDenyLastSeen,
              ':x': v.examples,
              ':nr': (expectedRev ?? 0) + 1,
              ...(expectedRev === null ? {} : { ':rev': expectedRev }),
              ...(appliedBatch === undefined ? {} : { ':b': appliedBatch }),
            },
          }),
        ),
      );
    },
  };
}
