import { beforeAll, describe, expect, it } from 'vitest';
import { createBoard, type Board } from '../../../lib/app/board';
import { ClusterNotFoundError, ConcurrentUpdateError } from '../../../lib/app/errors';
import type { StateStore } from '../../../lib/app/store';
import { DEFAULT_SELECTOR, defaultScopeSpec, ScopeValidationError, type ScopeSpec } from '../../../lib/core/scope';
import { freshStore } from '../../support/aws';
import { registration } from '../fixtures';
import { clockOf } from '../../../lib/core/engine';

describe('scope use cases (DynamoDB emulator)', () => {
  let store: StateStore;
  let board: Board;
  beforeAll(async () => {
    store = (await freshStore()).store;
    board = createBoard({ store, clock: clockOf(() => 1_788_264_000) });
    await board.registerCluster('c1', registration('flows', 'c1'));
  });

  it('returns the default scope created at registration', async () => {
    expect(await board.getScope('c1')).toEqual(defaultScopeSpec());
  });

  it('fills in defaults for fields missing from a stored spec (e.g. written by an older version)', async () => {
    await board.registerCluster('c2', registration('flows', 'c2'));
    await store.putScope('c2', { maxRules: 4 } as unknown as ScopeSpec, 1);
    expect(await board.getScope('c2')).toEqual({ ...defaultScopeSpec(), maxRules: 4 });
  });

  it('merges a patch into the stored spec and keeps the fields it does not name', async () => {
    await board.patchScope('c1', { maxRules: 5, namespaceSpec: { recStatus: 'Enabled' } });
    const spec = await board.patchScope('c1', { interval: '1m' });
    expect(spec).toMatchObject({ interval: '1m', maxRules: 5, namespaceSpec: { recStatus: 'Enabled', selector: DEFAULT_SELECTOR } });
    expect((await store.getScope('c1'))?.value).toEqual(spec);
  });

  it('resets a field to its default when the patch sets it to null', async () => {
    const spec = await board.patchScope('c1', { maxRules: null, namespaceSpec: { recStatus: null } });
    expect(spec.maxRules).toBe(20);
    expect(spec.namespaceSpec.recStatus).toBe('Disabled');
  });

  it.each([
    [{ interval: 'soon' }, 'interval'],
    [{ interval: '10s' }, 'interval'],
    [{ stabilizationPeriod: '30s', interval: '1m' }, 'stabilizationPeriod'],
    [{ maxRules: 0 }, 'maxRules'],
    [{ namespaceSpec: { selector: 'name ==' } }, 'namespaceSpec.selector'],
    [{ namespaceSpec: { tierName: 'Bad Tier' } }, 'namespaceSpec.tierName'],
    [{ namespaceSpec: { tierName: 'default' } }, 'namespaceSpec.tierName'],
  ])('rejects %j whole with the field named, and changes nothing', async (patch, field) => {
    const before = await store.getScope('c1');
    await expect(board.patchScope('c1', patch)).rejects.toMatchObject({ constructor: ScopeValidationError, field });
    expect(await store.getScope('c1')).toEqual(before);
  });

  it('writes conditionally on the version read: a concurrent patch makes the slower one fail', async () => {
    let raced = false;
    const racing: StateStore = {
      ...store,
      putScope: async (cluster, spec, expected) => {
        if (!raced) {
          raced = true;
          await store.putScope(cluster, { ...spec, maxRules: 9 }, expected);
        }
        return store.putScope(cluster, spec, expected);
      },
    };
    await expect(createBoard({ store: racing, clock: clockOf(() => 0) }).patchScope('c1', { maxRules: 3 })).rejects.toBeInstanceOf(ConcurrentUpdateError);
    expect((await board.getScope('c1')).maxRules).toBe(9);
  });

  it('answers not found for an unregistered cluster', async () => {
    await expect(board.getScope('nope')).rejects.toBeInstanceOf(ClusterNotFoundError);
    await expect(board.patchScope('nope', { maxRules: 3 })).rejects.toBeInstanceOf(ClusterNotFoundError);
  });
});
