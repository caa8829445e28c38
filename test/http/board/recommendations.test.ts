import { beforeAll, describe, expect, it } from 'vitest';
import { createBoard, InvalidInputError, type Board } from '../../../lib/app/board';
import { ClusterNotFoundError, RecommendationNotFoundError } from '../../../lib/app/errors';
import type { StateStore } from '../../../lib/app/store';
import { freshStore } from '../../support/aws';
import { domainsRule, recommendation, registration } from '../fixtures';
import { clockOf } from '../../../lib/core/engine';

describe('board listing and details (DynamoDB emulator)', () => {
  let store: StateStore;
  let board: Board;
  beforeAll(async () => {
    store = (await freshStore()).store;
    board = createBoard({ store, clock: clockOf(() => 1_788_264_000) });
    await board.registerCluster('c1', registration('flows', 'c1'));
    for (const ns of ['ns-e', 'ns-a', 'ns-c', 'ns-b', 'ns-d']) await store.putRecommendation('c1', recommendation(ns), null);
    await store.putRecommendation('c1', recommendation('active-1', { stagedAction: 'Set' }), null);
    await store.putRecommendation('c1', recommendation('dismissed-1', { stagedAction: 'Ignore' }), null);
    await store.putRecommendation('c1', recommendation('enforced-1', { stagedAction: 'Ignore', enforced: true }), null);
  });

  it('lists every tab sorted by namespace with the summary shape', async () => {
    const page = await board.listRecommendations('c1', {});
    expect(page.items.map((i) => `${i.namespace}:${i.tab}`)).toEqual([
      'active-1:active',
      'dismissed-1:dismissed',
      'enforced-1:enforced',
      'ns-a:recommendations',
      'ns-b:recommendations',
      'ns-c:recommendations',
      'ns-d:recommendations',
      'ns-e:recommendations',
    ]);
    expect(page.nextCursor).toBeUndefined();
    expect(page.items[3]).toEqual({
      namespace: 'ns-a',
      tab: 'recommendations',
      stagedAction: 'Learn',
      status: 'Learning',
      lastUpdated: '2026-09-01T12:00:00Z',
      ruleCounts: { egress: 2, ingress: 1 },
      warnings: [],
      readiness: 'NotObserved',
    });
  });

  it('filters by tab and pages with an opaque cursor until the end', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await board.listRecommendations('c1', { tab: 'recommendations', limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((i) => i.namespace));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['ns-a', 'ns-b', 'ns-c', 'ns-d', 'ns-e']);
    expect((await board.listRecommendations('c1', { tab: 'enforced' })).items.map((i) => i.namespace)).toEqual(['enforced-1']);
  });

  it('refuses a cursor it did not issue and a limit out of range', async () => {
    await expect(board.listRecommendations('c1', { cursor: 'not a cursor!' })).rejects.toMatchObject({ constructor: InvalidInputError, field: 'cursor' });
    await expect(board.listRecommendations('c1', { limit: 201 })).rejects.toMatchObject({ field: 'limit' });
  });

  it('counts rules as rendered: Domains rules contracted past maxRules count as one', async () => {
    await store.putRecommendation('c1', recommendation('many', { egress: ['a.com', 'b.com', 'c.com'].map((d, i) => domainsRule(d, 440 + i)) }), null);
    await board.patchScope('c1', { maxRules: 2 });
    const details = await board.getRecommendation('c1', 'many');
    expect(details.ruleCounts).toEqual({ egress: 1, ingress: 1 });
    expect(details.rules.egress).toHaveLength(3);
    expect(details.manifest.domainSet?.spec.allowedEgressDomains).toEqual(['a.com', 'b.com', 'c.com']);
    await board.patchScope('c1', { maxRules: null });
  });

  it('details carry rules with evidence, the manifest and both versions', async () => {
    const d = await board.getRecommendation('c1', 'ns-a');
    expect(d).toMatchObject({ namespace: 'ns-a', version: 1, publishedVersion: null, tab: 'recommendations' });
    expect(d.rules.egress[0]).toMatchObject({ kind: 'Domains', domains: ['api.stripe.com'], evidence: { firstSeen: '2026-09-01T12:00:00Z', records: 3 } });
    expect(d.manifest.policy.metadata.name).toBe('namespace-isolation.ns-a-recommendation');
    expect(d.manifest.domainSet).toBeUndefined();
  });

  it('tells an unknown namespace from an unknown cluster', async () => {
    await expect(board.getRecommendation('c1', 'ghost')).rejects.toBeInstanceOf(RecommendationNotFoundError);
    await expect(board.getRecommendation('ghost', 'ns-a')).rejects.toBeInstanceOf(ClusterNotFoundError);
    await expect(board.listRecommendations('ghost', {})).rejects.toBeInstanceOf(ClusterNotFoundError);
  });
});
