import { afterEach, describe, expect, it } from 'vitest';
import { createBoard, TierChangeRefusedError } from '../../lib/app/board';
import { pushCluster } from '../../lib/app/push/push-cluster';
import { toProblem } from '../../lib/http/error-map';
import { getObject, listObjects, putObject } from '../support/fake-kube';
import { T0, calicoRecommenderPolicy, currentCluster, domainRule, rec } from './fixtures';
import { harness, type Harness } from './harness';
import { clockOf } from '../../lib/core/engine';

const SNP = 'stagednetworkpolicies';
const threeDomains = { egress: [domainRule('a.example.com', 443), domainRule('b.example.com', 443), domainRule('c.example.com', 443)] };
const newTier = { namespaceSpec: { tierName: 'isolation-v2' } };

describe('changing namespaceSpec.tierName', () => {
  let h: Harness;
  afterEach(() => h.close());
  const board = () => createBoard({ store: h.store, clock: clockOf(() => T0 / 1000) });

  it('with only Learn recommendations it is allowed: the next push stages them in the new tier and removes our objects of the old one', async () => {
    h = await harness();
    await h.cluster('tier');
    await h.recommend('tier', rec('shop', threeDomains), rec('payments'));
    await pushCluster(h.deps, await currentCluster(h.store, 'tier'));
    putObject(h.fake, SNP, calicoRecommenderPolicy('default')); // not ours: stays

    await board().patchScope('tier', newTier);
    h.clock.advance(150);
    const summary = await pushCluster(h.deps, await currentCluster(h.store, 'tier'));

    expect(summary.error).toBeUndefined();
    expect(summary).toMatchObject({ applied: 3, deleted: 2, runCount: 2 });
    expect(listObjects(h.fake, SNP).map((o) => o.metadata.name)).toEqual([
      'namespace-isolation.default-recommendation',
      'isolation-v2.payments-recommendation',
      'isolation-v2.shop-recommendation',
    ]);
    expect(listObjects(h.fake, 'networksets').map((o) => o.metadata.name)).toEqual(['shop-egress-domains']);
    expect(getObject(h.fake, 'tiers', undefined, 'isolation-v2')?.spec).toEqual({ order: 10000 });
    expect(getObject(h.fake, 'tiers', undefined, 'namespace-isolation')).toBeDefined(); // tiers are never deleted
    for (const r of await h.store.listRecommendations('tier')) expect(r.value).toMatchObject({ stagedAction: 'Learn', enforced: false });
  });

  it('is refused (409 TierChangeRefused) while any recommendation is active, dismissed or enforced; other fields still patch', async () => {
    h = await harness();
    await h.cluster('decided');
    await h.recommend('decided', rec('shop', {}, { stagedAction: 'Set' }), rec('payments', {}, { stagedAction: 'Ignore', enforced: true }), rec('default'));
    const before = (await h.store.getScope('decided'))!;

    const err = await board()
      .patchScope('decided', newTier)
      .catch((e: unknown) => e);

    expect(err).toBeInstanceOf(TierChangeRefusedError);
    expect(err).toMatchObject({ from: 'namespace-isolation', to: 'isolation-v2', namespaces: ['payments', 'shop'] });
    expect(toProblem(err)).toMatchObject({ status: 409, code: 'TierChangeRefused', message: expect.stringContaining('?purge=true') });
    expect(await h.store.getScope('decided')).toEqual(before);
    expect((await board().patchScope('decided', { maxRules: 3, namespaceSpec: { tierName: 'namespace-isolation' } })).maxRules).toBe(3);
  });
});
