import { beforeAll, describe, expect, it } from 'vitest';
import { createBoard, type Board } from '../../../lib/app/board';
import { ClusterNotFoundError, ConcurrentUpdateError, RecommendationNotFoundError } from '../../../lib/app/errors';
import type { StateStore } from '../../../lib/app/store';
import { InvalidTransitionError } from '../../../lib/core/engine';
import { freshStore } from '../../support/aws';
import { namespaceRule, recommendation, registration } from '../fixtures';
import { clockOf } from '../../../lib/core/engine';

const clock = clockOf(() => 1_788_264_000);

/** A store whose next `n` recommendation writes are each preceded by another writer's change. */
function racingStore(store: StateStore, n: number, change: Parameters<typeof recommendation>[1]): StateStore {
  let left = n;
  return {
    ...store,
    putRecommendation: async (cluster, rec, expected, batch) => {
      if (left-- > 0 && expected !== null) {
        const current = await store.getRecommendation(cluster, rec.namespace);
        // Each racing write changes something (a write that changes nothing is no write).
        await store.putRecommendation(cluster, { ...current!.value, lastUpdated: `2026-09-0${n - left}T00:00:00Z`, ...change }, current!);
      }
      return store.putRecommendation(cluster, rec, expected, batch);
    },
  };
}

describe('board actions (DynamoDB emulator)', () => {
  let store: StateStore;
  let board: Board;
  beforeAll(async () => {
    store = (await freshStore()).store;
    board = createBoard({ store, clock });
    await board.registerCluster('c1', registration('flows', 'c1'));
    for (const ns of ['a', 'b', 'c', 'd', 'e']) await store.putRecommendation('c1', recommendation(ns), null);
  });

  it('activates, dismisses and reactivates along docs/engine.md, bumping the version each time', async () => {
    expect(await board.act('c1', 'a', 'activate')).toEqual({ changed: true, namespace: 'a', tab: 'active', stagedAction: 'Set', version: 2 });
    expect(await board.act('c1', 'a', 'dismiss')).toMatchObject({ changed: true, tab: 'dismissed', stagedAction: 'Ignore', version: 3 });
    expect(await board.act('c1', 'a', 'reactivate')).toMatchObject({ changed: true, tab: 'recommendations', stagedAction: 'Learn', version: 4 });
  });

  it('treats a repeated action as a no-op that writes nothing', async () => {
    await board.act('c1', 'b', 'dismiss');
    expect(await board.act('c1', 'b', 'dismiss')).toMatchObject({ changed: false, tab: 'dismissed', version: 2 });
    expect((await store.getRecommendation('c1', 'b'))?.version).toBe(2);
  });

  it('refuses an impossible transition with the current tab', async () => {
    await expect(board.act('c1', 'b', 'activate')).rejects.toMatchObject({ constructor: InvalidTransitionError, tab: 'dismissed' });
  });

  it('after losing one race re-reads and applies the action on top of the concurrent change', async () => {
    const extra = { ingress: [namespaceRule('frontend', 80), namespaceRule('batch', 9000)] };
    const racing = createBoard({ store: racingStore(store, 1, extra), clock });
    expect(await racing.act('c1', 'c', 'activate')).toMatchObject({ changed: true, version: 3 });
    const stored = await store.getRecommendation('c1', 'c');
    expect(stored?.value.stagedAction).toBe('Set');
    expect(stored?.value.ingress).toHaveLength(2);
  });

  it('reports a conflict when the race is lost twice, leaving the other writer’s state', async () => {
    const racing = createBoard({ store: racingStore(store, 2, { status: 'Stable' }), clock });
    await expect(racing.act('c1', 'd', 'activate')).rejects.toBeInstanceOf(ConcurrentUpdateError);
    expect((await store.getRecommendation('c1', 'd'))?.value).toMatchObject({ stagedAction: 'Learn', status: 'Stable' });
  });

  it('tells an unknown namespace from an unknown cluster', async () => {
    await expect(board.act('c1', 'ghost', 'activate')).rejects.toBeInstanceOf(RecommendationNotFoundError);
    await expect(board.act('ghost', 'a', 'activate')).rejects.toBeInstanceOf(ClusterNotFoundError);
  });

  it('bulk applies what it can and reports every namespace in the order asked', async () => {
    const racing = createBoard({ store: racingStore(store, 2, {}), clock });
    // The racing store makes the first namespace written lose twice; run it alone first.
    expect(await racing.bulkAct('c1', 'dismiss', ['e'])).toEqual([{ namespace: 'e', status: 'conflict' }]);
    expect(await board.bulkAct('c1', 'activate', ['e', 'c', 'b', 'ghost'])).toEqual([
      { namespace: 'e', status: 'changed', tab: 'active' },
      { namespace: 'c', status: 'unchanged', tab: 'active' },
      { namespace: 'b', status: 'invalidTransition', tab: 'dismissed' },
      { namespace: 'ghost', status: 'notFound' },
    ]);
    await expect(board.bulkAct('ghost', 'activate', ['a'])).rejects.toBeInstanceOf(ClusterNotFoundError);
  });
});
