import { beforeAll, describe, expect, it } from 'vitest';
import { ClusterDeletingError, createBoard, FlowLogLocationConflictError, InvalidInputError, PurgeUnavailableError, type Board } from '../../../lib/app/board';
import { ClusterNotFoundError } from '../../../lib/app/errors';
import type { StateStore } from '../../../lib/app/store';
import { defaultScopeSpec } from '../../../lib/core/scope';
import { freshStore } from '../../support/aws';
import { recommendation, registration } from '../fixtures';
import { clockOf } from '../../../lib/core/engine';

const clock = clockOf(() => 1_788_264_000);

describe('cluster registration use cases (DynamoDB emulator)', () => {
  let store: StateStore;
  let board: Board;
  beforeAll(async () => {
    store = (await freshStore()).store;
    board = createBoard({ store, clock });
  });

  it('creates a cluster with registeredAt from the clock, the default domain and a default scope', async () => {
    const r = await board.registerCluster('alpha', registration('flows', 'alpha/'));
    expect(r.created).toBe(true);
    expect(r.cluster).toEqual({
      id: 'alpha',
      flowLogs: { bucket: 'flows', prefix: 'alpha' },
      target: { directory: '/tmp/policies' },
      clusterDomain: 'cluster.local',
      registeredAt: '2026-09-01T12:00:00Z',
      lastRun: null,
      lastPush: null,
      state: 'active',
    });
    expect((await store.getScope('alpha'))?.value).toEqual(defaultScopeSpec());
  });

  it('keeps registeredAt, job summaries and the scope on update', async () => {
    await store.updateClusterStatus('alpha', {
      lastPush: { startedAt: 'x', durationMs: 1, applied: 2, deleted: 0, adopted: 0, consecutiveFailures: 0, runCount: 3 },
      listedUntil: 5,
    });
    await store.putScope('alpha', { ...defaultScopeSpec(), maxRules: 7 }, 1);
    const later = createBoard({ store, clock: clockOf(() => clock.now() + 999) });
    const r = await later.registerCluster('alpha', { ...registration('flows', 'alpha'), clusterDomain: 'corp.local', target: { kubeconfigSecret: 'policy-recommender/alpha' } });
    expect(r.created).toBe(false);
    expect(r.cluster).toMatchObject({ registeredAt: '2026-09-01T12:00:00Z', clusterDomain: 'corp.local', target: { kubeconfigSecret: 'policy-recommender/alpha' } });
    expect(r.cluster.lastPush).toMatchObject({ applied: 2 });
    expect(r.cluster.lastPush).not.toHaveProperty('runCount');
    expect((await store.getCluster('alpha'))?.value.listedUntil).toBe(5);
    expect((await store.getScope('alpha'))?.value.maxRules).toBe(7);
  });

  it('forgets listing progress when the flow-log location moves', async () => {
    await board.registerCluster('alpha', registration('flows', 'alpha/v2'));
    expect((await store.getCluster('alpha'))?.value.listedUntil).toBeUndefined();
    await board.registerCluster('alpha', registration('flows', 'alpha'));
  });

  it('refuses a location overlapping another cluster, segment-wise, in the same bucket only', async () => {
    await expect(board.registerCluster('beta', registration('flows', 'alpha/sub'))).rejects.toBeInstanceOf(FlowLogLocationConflictError);
    await expect(board.registerCluster('beta', registration('flows', ''))).rejects.toBeInstanceOf(FlowLogLocationConflictError);
    await expect(board.registerCluster('beta', registration('flows', 'alpha-b'))).resolves.toMatchObject({ created: true });
    await expect(board.registerCluster('gamma', registration('other', 'alpha'))).resolves.toMatchObject({ created: true });
    expect(await store.getCluster('beta')).toBeDefined();
  });

  it('rejects bad input whole, naming the field, and writes nothing', async () => {
    const cases: [string, Parameters<Board['registerCluster']>[1], string][] = [
      ['delta', registration('Bad_Bucket', 'x'), 'flowLogs.bucket'],
      ['delta', registration('flows', '/abs'), 'flowLogs.prefix'],
      ['delta', registration('flows', 'a/../b'), 'flowLogs.prefix'],
      ['delta', { ...registration('flows', 'd'), target: { directory: 'relative/dir' } }, 'target.directory'],
      ['delta', { ...registration('flows', 'd'), target: { kubeconfigSecret: 'bad secret!' } }, 'target.kubeconfigSecret'],
      ['delta', { ...registration('flows', 'd'), clusterDomain: 'Not A Domain' }, 'clusterDomain'],
      ['Delta', registration('flows', 'd'), 'cluster'],
    ];
    for (const [id, input, field] of cases) {
      await expect(board.registerCluster(id, input)).rejects.toMatchObject({ constructor: InvalidInputError, field });
    }
    expect(await store.getCluster('delta')).toBeUndefined();
  });

  it('lists clusters by id with their summaries', async () => {
    expect((await board.listClusters()).map((c) => c.id)).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('unregisters asynchronously: marks the cluster deleting, refuses purge without a way to reach clusters, and re-registration meanwhile', async () => {
    await store.putRecommendation('gamma', recommendation('shop'), null);
    await expect(board.unregisterCluster('gamma', { purge: true })).rejects.toBeInstanceOf(PurgeUnavailableError);
    expect((await store.getCluster('gamma'))!.value.deleting).toBeUndefined();

    const withPurge = createBoard({ store, clock, canPurge: true });
    expect(await withPurge.unregisterCluster('gamma', { purge: true })).toEqual({ id: 'gamma', state: 'deleting', purge: true });
    expect(await withPurge.getCluster('gamma')).toMatchObject({ state: 'deleting', deletion: { purge: true } });
    // Nothing is removed by the request itself: the background job does it.
    expect(await store.getRecommendation('gamma', 'shop')).toBeDefined();
    await expect(withPurge.registerCluster('gamma', registration('other-bucket', 'gamma'))).rejects.toBeInstanceOf(ClusterDeletingError);
    // Asking again without purge gives the purge up.
    expect(await withPurge.unregisterCluster('gamma', { purge: false })).toEqual({ id: 'gamma', state: 'deleting', purge: false });
    expect((await store.getCluster('gamma'))!.value.deleting).toMatchObject({ purge: false });
    await expect(board.unregisterCluster('nobody', { purge: false })).rejects.toBeInstanceOf(ClusterNotFoundError);
  });
});

describe('registration within the deployment reach', () => {
  it('refuses buckets and kubeconfig secrets the IAM roles cannot read, accepts the rest', async () => {
    const { checkReach } = await import('../../../lib/app/board/registration-rules');
    const reach = { buckets: ['calico-logs'], secretsPrefix: 'policy-recommender/' };
    const ok = { bucket: 'calico-logs', prefix: 'p' };
    expect(() => checkReach({ bucket: 'other', prefix: 'p' }, { directory: '/x' }, reach)).toThrow(/reads flow logs only from calico-logs/);
    expect(() => checkReach(ok, { kubeconfigSecret: 'team/prod' }, reach)).toThrow(/policy-recommender\//);
    expect(() => checkReach(ok, { kubeconfigSecret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:team/prod-AbCdEf' }, reach)).toThrow();
    expect(() => checkReach(ok, { kubeconfigSecret: 'policy-recommender/prod' }, reach)).not.toThrow();
    expect(() => checkReach(ok, { kubeconfigSecret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:policy-recommender/prod-AbCdEf' }, reach)).not.toThrow();
    expect(() => checkReach({ bucket: 'any', prefix: '' }, { kubeconfigSecret: 'anything' }, { buckets: [], secretsPrefix: '' })).not.toThrow();
  });
});
