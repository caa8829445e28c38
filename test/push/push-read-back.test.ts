import { afterEach, describe, expect, it } from 'vitest';
import { pushCluster } from '../../lib/app/push/push-cluster';
import { deleteNamespace, getObject, listObjects, putObject, removeObject } from '../support/fake-kube';
import { SCOPE, currentCluster, namespaceRule, rec, touchEvidence } from './fixtures';
import { harness, type Harness } from './harness';

const SNP = 'stagednetworkpolicies';
const shopPolicy = 'namespace-isolation.shop-recommendation';

function enforcedPolicy(namespace: string, tier = 'namespace-isolation') {
  return {
    metadata: { name: `${tier}.allow-app`, namespace, labels: { 'projectcalico.org/tier': tier } },
    spec: { tier, selector: 'all()', types: ['Ingress'] },
  };
}

describe('pushCluster reads the cluster back', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('a namespace deleted in the cluster: its recommendation is deleted and Namespace rules naming it leave the others', async () => {
    h = await harness();
    const cluster = await h.cluster('nsgone');
    await h.recommend('nsgone', rec('shop', { egress: [namespaceRule('payments', 8080)], ingress: [namespaceRule('frontend', 80)] }), rec('payments'));
    await pushCluster(h.deps, cluster);
    deleteNamespace(h.fake, 'payments');

    await pushCluster(h.deps, await currentCluster(h.store, 'nsgone'));

    expect(await h.store.getRecommendation('nsgone', 'payments')).toBeUndefined();
    const shop = (await h.store.getRecommendation('nsgone', 'shop'))!;
    expect(shop.value.egress).toEqual([]);
    expect(shop.value.ingress).toHaveLength(1);
    expect(shop.publishedVersion).toBe(shop.version); // republished without the rule
    expect(getObject(h.fake, SNP, 'shop', shopPolicy)?.spec).not.toHaveProperty('egress');
    expect((await h.store.listNamespaces('nsgone')).map((n) => n.name).sort()).toEqual(['default', 'shop']);
  });

  it('a Learn recommendation whose namespace left the scope selector is deleted; an active one stays', async () => {
    h = await harness({ namespaces: { default: {}, shop: { team: 'web' }, payments: {}, billing: {} } });
    const scope = { ...SCOPE, namespaceSpec: { ...SCOPE.namespaceSpec!, selector: "team == 'web'" } };
    const cluster = await h.cluster('scope', { scope });
    await h.recommend('scope', rec('shop'), rec('payments'), rec('billing', {}, { stagedAction: 'Set' }));

    await pushCluster(h.deps, cluster);

    expect((await h.store.listRecommendations('scope')).map((r) => r.value.namespace).sort()).toEqual(['billing', 'shop']);
    expect(
      listObjects(h.fake, SNP)
        .map((o) => o.metadata.namespace)
        .sort(),
    ).toEqual(['billing', 'shop']);
    expect((await h.store.listNamespaces('scope')).find((n) => n.name === 'shop')?.labels).toMatchObject({ team: 'web' });
  });

  it('a NetworkPolicy in the tier enforces the recommendation; deleting it returns it to Learn with no rules', async () => {
    h = await harness();
    const cluster = await h.cluster('enforce');
    await h.recommend('enforce', rec('shop'));
    await pushCluster(h.deps, cluster);
    putObject(h.fake, 'networkpolicies', enforcedPolicy('shop'));
    putObject(h.fake, 'networkpolicies', enforcedPolicy('payments', 'other-tier'));

    const enforced = await pushCluster(h.deps, await currentCluster(h.store, 'enforce'));

    expect(enforced.adopted).toBe(1);
    expect((await h.store.getRecommendation('enforce', 'shop'))!.value).toMatchObject({ enforced: true, stagedAction: 'Ignore' });
    expect(getObject(h.fake, SNP, 'shop', shopPolicy)?.spec).toMatchObject({ stagedAction: 'Ignore' });

    removeObject(h.fake, 'networkpolicies', 'shop', 'namespace-isolation.allow-app');
    h.clock.advance(150);
    await pushCluster(h.deps, await currentCluster(h.store, 'enforce'));

    expect((await h.store.getRecommendation('enforce', 'shop'))!.value).toMatchObject({
      enforced: false,
      stagedAction: 'Learn',
      status: 'Learning',
      egress: [],
      ingress: [],
      lastUpdated: '2026-09-01T12:02:30Z',
    });
    // Nothing to stage until it learns again.
    expect(getObject(h.fake, SNP, 'shop', shopPolicy)).toBeUndefined();
  });

  it('a stagedAction changed in the cluster is adopted (conditionally) and the next apply keeps it', async () => {
    h = await harness();
    const cluster = await h.cluster('adopt');
    await h.recommend('adopt', rec('shop'));
    await pushCluster(h.deps, cluster);
    const snp = getObject(h.fake, SNP, 'shop', shopPolicy)!;
    // What `kubectl patch` would leave: another field manager owns the changed fields.
    putObject(h.fake, SNP, {
      ...snp,
      metadata: {
        ...snp.metadata,
        labels: { ...snp.metadata.labels, 'projectcalico.org/spec.stagedAction': 'Set' },
        managedFields: [{ manager: 'kubectl-patch', operation: 'Update' }],
      },
      spec: { ...(snp.spec as object), stagedAction: 'Set' },
    });

    const summary = await pushCluster(h.deps, await currentCluster(h.store, 'adopt'));

    expect(summary).toMatchObject({ adopted: 1, applied: 1 });
    expect(summary.error).toBeUndefined();
    const stored = (await h.store.getRecommendation('adopt', 'shop'))!;
    expect(stored.value.stagedAction).toBe('Set');
    expect(stored.publishedVersion).toBe(stored.version);
    expect(getObject(h.fake, SNP, 'shop', shopPolicy)?.spec).toMatchObject({ stagedAction: 'Set' });
    expect(h.fake.requestsTo('PATCH', /stagednetworkpolicies/).every((r) => r.query.force === 'true')).toBe(true);
  });

  it('an operator change survives processing runs that bump the version (evidence only): adopted, then kept', async () => {
    h = await harness();
    const cluster = await h.cluster('operator');
    await h.recommend('operator', rec('shop'));
    await pushCluster(h.deps, cluster);
    const snp = getObject(h.fake, SNP, 'shop', shopPolicy)!;
    putObject(h.fake, SNP, { ...snp, spec: { ...(snp.spec as object), stagedAction: 'Set' } });
    const bumped = await touchEvidence(h.store, 'operator', 'shop'); // a processing run meanwhile
    h.clock.advance(150);

    const summary = await pushCluster(h.deps, await currentCluster(h.store, 'operator'));

    expect(summary).toMatchObject({ adopted: 1 });
    expect(summary.error).toBeUndefined();
    let stored = (await h.store.getRecommendation('operator', 'shop'))!;
    expect(stored.version).toBe(bumped + 1);
    expect(stored.value.stagedAction).toBe('Set');
    expect(stored).toMatchObject({ publishedVersion: stored.version, published: { stagedAction: 'Set' } });
    expect(getObject(h.fake, SNP, 'shop', shopPolicy)?.spec).toMatchObject({ stagedAction: 'Set' });

    // Another evidence-only run, another push: nothing to adopt, nothing to apply, still Set.
    await touchEvidence(h.store, 'operator', 'shop');
    h.clock.advance(150);
    h.fake.requests.length = 0;
    expect(await pushCluster(h.deps, await currentCluster(h.store, 'operator'))).toMatchObject({ adopted: 0, applied: 0 });
    expect(h.fake.requestsTo('PATCH', /stagednetworkpolicies/)).toEqual([]);
    stored = (await h.store.getRecommendation('operator', 'shop'))!;
    expect(stored.value.stagedAction).toBe('Set');
    expect(stored.publishedVersion).toBe(stored.version);
    expect(getObject(h.fake, SNP, 'shop', shopPolicy)?.spec).toMatchObject({ stagedAction: 'Set' });
  });

  it('a namespace known only through its recommendation gets a tombstone when the cluster lacks it', async () => {
    h = await harness();
    const cluster = await h.cluster('tomb');
    await h.recommend('tomb', rec('shop'), rec('legacy'));

    await pushCluster(h.deps, cluster);

    expect(await h.store.getRecommendation('tomb', 'legacy')).toBeUndefined();
    expect(await h.store.listDeletedNamespaces('tomb')).toEqual(['legacy']);
  });

  it('both changed (the cluster and the board since our last push): the board wins', async () => {
    h = await harness();
    const cluster = await h.cluster('ourswins');
    await h.recommend('ourswins', rec('shop'));
    await pushCluster(h.deps, cluster);
    const snp = getObject(h.fake, SNP, 'shop', shopPolicy)!;
    putObject(h.fake, SNP, { ...snp, spec: { ...(snp.spec as object), stagedAction: 'Ignore' } });
    await h.recommend('ourswins', rec('shop', {}, { stagedAction: 'Set' })); // a board action meanwhile

    const summary = await pushCluster(h.deps, await currentCluster(h.store, 'ourswins'));

    expect(summary.adopted).toBe(0);
    expect((await h.store.getRecommendation('ourswins', 'shop'))!.value.stagedAction).toBe('Set');
    expect(getObject(h.fake, SNP, 'shop', shopPolicy)?.spec).toMatchObject({ stagedAction: 'Set' });
  });

  it('a frozen (MaxRulesExceeded) recommendation adopts an activation made in the cluster, then publishes it', async () => {
    h = await harness();
    const cluster = await h.cluster('frozen');
    await h.recommend('frozen', rec('shop', {}, { warnings: ['MaxRulesExceeded'] }));
    await pushCluster(h.deps, cluster);
    await h.recommend('frozen', rec('shop', { ingress: [namespaceRule('frontend', 80), namespaceRule('payments', 81)] }, { warnings: ['MaxRulesExceeded'] }));
    const snp = getObject(h.fake, SNP, 'shop', shopPolicy)!;
    putObject(h.fake, SNP, { ...snp, spec: { ...(snp.spec as object), stagedAction: 'Set' } });

    const summary = await pushCluster(h.deps, await currentCluster(h.store, 'frozen'));

    expect(summary).toMatchObject({ adopted: 1, applied: 1 });
    const stored = (await h.store.getRecommendation('frozen', 'shop'))!;
    expect(stored.value.stagedAction).toBe('Set');
    expect(stored.publishedVersion).toBe(stored.version);
  });
});
