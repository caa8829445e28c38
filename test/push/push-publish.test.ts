import { afterEach, describe, expect, it } from 'vitest';
import { pushCluster } from '../../lib/app/push/push-cluster';
import { getObject, listObjects } from '../support/fake-kube';
import { currentCluster, domainRule, namespaceRule, rec, renderWithScope, touchEvidence } from './fixtures';
import { harness, type Harness } from './harness';

const threeDomains = { egress: [domainRule('a.example.com', 443), domainRule('b.example.com', 443), domainRule('c.example.com', 443)] };

describe('pushCluster publishes recommendations to a cluster', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('first push: creates the tier, every staged policy and the domain NetworkSet, and marks them published', async () => {
    h = await harness();
    const cluster = await h.cluster('first');
    const shop = rec('shop', threeDomains);
    const payments = rec('payments');
    await h.recommend('first', shop, payments);

    const summary = await pushCluster(h.deps, cluster);

    expect(summary).toMatchObject({ applied: 3, deleted: 0, adopted: 0, consecutiveFailures: 0, runCount: 1, startedAt: '2026-09-01T12:00:00Z' });
    expect(summary.error).toBeUndefined();
    expect(getObject(h.fake, 'tiers', undefined, 'namespace-isolation')?.spec).toEqual({ order: 10000 });
    const shopRendered = renderWithScope(shop);
    const snp = getObject(h.fake, 'stagednetworkpolicies', 'shop', shopRendered.policy.metadata.name)!;
    expect(snp.spec).toEqual(shopRendered.policy.spec);
    expect(snp.metadata.labels).toMatchObject(shopRendered.policy.metadata.labels!);
    expect(getObject(h.fake, 'networksets', 'shop', 'shop-egress-domains')?.spec).toEqual(shopRendered.domainSet!.spec);
    expect(getObject(h.fake, 'stagednetworkpolicies', 'payments', 'namespace-isolation.payments-recommendation')).toBeDefined();
    for (const r of await h.store.listRecommendations('first')) expect(r.publishedVersion).toBe(r.version);
    expect((await currentCluster(h.store, 'first')).lastPush).toEqual(summary);
    // The domain set is applied before the policy that refers to it.
    const order = h.fake.requestsTo('PATCH', /namespaces\/shop\//).map((r) => r.path.split('/')[6]);
    expect(order).toEqual(['networksets', 'stagednetworkpolicies']);
  });

  it('update: only the recommendation whose version changed is applied again', async () => {
    h = await harness();
    const cluster = await h.cluster('update');
    await h.recommend('update', rec('shop'), rec('payments'));
    await pushCluster(h.deps, cluster);
    await h.recommend('update', rec('payments', { ingress: [namespaceRule('frontend', 80), namespaceRule('shop', 8080)] }));
    h.fake.requests.length = 0;

    const summary = await pushCluster(h.deps, await currentCluster(h.store, 'update'));

    expect(summary).toMatchObject({ applied: 1, runCount: 2 });
    expect(h.fake.requestsTo('PATCH', /stagednetworkpolicies/).map((r) => r.path)).toEqual([
      '/apis/projectcalico.org/v3/namespaces/payments/stagednetworkpolicies/namespace-isolation.payments-recommendation',
    ]);
    const payments = (await h.store.getRecommendation('update', 'payments'))!;
    expect(payments.publishedVersion).toBe(payments.version);
    expect(getObject(h.fake, 'stagednetworkpolicies', 'payments', 'namespace-isolation.payments-recommendation')?.spec).toMatchObject({
      ingress: expect.arrayContaining([expect.anything(), expect.anything()]),
    });
  });

  it('deletion: objects of a recommendation that no longer exists are deleted, and a domain set no longer rendered goes too', async () => {
    h = await harness();
    const cluster = await h.cluster('deletion');
    const [shopVersion] = await h.recommend('deletion', rec('shop'), rec('payments', threeDomains));
    await pushCluster(h.deps, cluster);
    await h.store.deleteRecommendation('deletion', 'shop', shopVersion!);
    await h.recommend('deletion', rec('payments', { egress: [domainRule('a.example.com', 443)] }));

    const summary = await pushCluster(h.deps, await currentCluster(h.store, 'deletion'));

    expect(summary).toMatchObject({ deleted: 2, applied: 1 });
    expect(listObjects(h.fake, 'stagednetworkpolicies').map((o) => o.metadata.namespace)).toEqual(['payments']);
    expect(listObjects(h.fake, 'networksets')).toEqual([]);
  });

  it('publishes by content: a version bump that renders the same (evidence only) applies nothing, yet is marked published', async () => {
    h = await harness();
    const cluster = await h.cluster('content');
    await h.recommend('content', rec('shop'), rec('payments', threeDomains));
    await pushCluster(h.deps, cluster);
    for (const ns of ['shop', 'payments']) await touchEvidence(h.store, 'content', ns);
    h.fake.requests.length = 0;
    h.clock.advance(150);

    const summary = await pushCluster(h.deps, await currentCluster(h.store, 'content'));

    expect(summary).toMatchObject({ applied: 0, deleted: 0, runCount: 2 });
    expect(h.fake.requestsTo('PATCH', /stagednetworkpolicies|networksets/)).toEqual([]);
    expect(h.fake.requestsTo('DELETE', /./)).toEqual([]);
    for (const r of await h.store.listRecommendations('content')) {
      expect(r.publishedVersion).toBe(r.version);
      expect(r.published).toEqual({ stagedAction: 'Learn', digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    }
  });

  it('a change of intraNamespacePassThroughTraffic re-applies every recommendation it renders differently, active and dismissed ones included', async () => {
    h = await harness({ namespaces: { default: {}, shop: {}, payments: {}, billing: {} } });
    const cluster = await h.cluster('pass');
    const self = (ns: string) => ({ ingress: [namespaceRule(ns, 80)] });
    await h.recommend('pass', rec('shop', self('shop'), { stagedAction: 'Set' }), rec('payments', self('payments'), { stagedAction: 'Ignore' }), rec('billing'));
    await pushCluster(h.deps, cluster);
    const scope = (await h.store.getScope('pass'))!;
    await h.store.putScope('pass', { ...scope.value, namespaceSpec: { ...scope.value.namespaceSpec, intraNamespacePassThroughTraffic: true } }, scope.version);
    h.fake.requests.length = 0;
    h.clock.advance(150);

    const summary = await pushCluster(h.deps, await currentCluster(h.store, 'pass'));

    // Run 2 is not a full reconcile: only the two whose rendering changed (billing has no intra-namespace rule).
    expect(summary).toMatchObject({ applied: 2, runCount: 2 });
    expect(h.fake.requestsTo('PATCH', /stagednetworkpolicies/).map((r) => r.path.split('/')[5])).toEqual(['payments', 'shop']);
    expect(getObject(h.fake, 'stagednetworkpolicies', 'shop', 'namespace-isolation.shop-recommendation')?.spec).toMatchObject({
      stagedAction: 'Set',
      ingress: [{ action: 'Pass' }],
    });
    expect(getObject(h.fake, 'stagednetworkpolicies', 'payments', 'namespace-isolation.payments-recommendation')?.spec).toMatchObject({
      stagedAction: 'Ignore',
      ingress: [{ action: 'Pass' }],
    });
  });

  it('every tenth run (and a forced run) re-applies everything; the runs between apply nothing unchanged', async () => {
    h = await harness();
    await h.cluster('tenth');
    await h.recommend('tenth', rec('shop'), rec('payments'));
    const appliedPerRun: number[] = [];
    for (let run = 1; run <= 11; run++) {
      appliedPerRun.push((await pushCluster(h.deps, await currentCluster(h.store, 'tenth'))).applied);
      h.clock.advance(150);
    }
    expect(appliedPerRun).toEqual([2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect((await pushCluster(h.deps, await currentCluster(h.store, 'tenth'), { force: true })).applied).toBe(2);
  });

  it('a published Learn recommendation with MaxRulesExceeded keeps its last published version; a never published one is published once', async () => {
    h = await harness();
    const cluster = await h.cluster('maxrules');
    await h.recommend('maxrules', rec('shop'), rec('payments', {}, { warnings: ['MaxRulesExceeded'] }));
    expect((await pushCluster(h.deps, cluster)).applied).toBe(2);
    const before = getObject(h.fake, 'stagednetworkpolicies', 'shop', 'namespace-isolation.shop-recommendation')!;
    await h.recommend('maxrules', rec('shop', { ingress: [namespaceRule('frontend', 80), namespaceRule('payments', 81)] }, { warnings: ['MaxRulesExceeded'] }));

    const summary = await pushCluster(h.deps, await currentCluster(h.store, 'maxrules'), { force: true });

    // Both are frozen now: payments since its first publication, shop although it changed and the run is forced.
    expect(summary).toMatchObject({ applied: 0, deleted: 0 });
    expect(getObject(h.fake, 'stagednetworkpolicies', 'shop', 'namespace-isolation.shop-recommendation')!.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    const shop = (await h.store.getRecommendation('maxrules', 'shop'))!;
    expect(shop.publishedVersion).toBe(shop.version - 1);
  });
});
