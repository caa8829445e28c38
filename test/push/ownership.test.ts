import { afterEach, describe, expect, it } from 'vitest';
import { purgeCluster } from '../../lib/app/push/purge';
import { pushCluster } from '../../lib/app/push/push-cluster';
import { listObjects, putObject } from '../support/fake-kube';
import { SCOPE, calicoRecommenderDomainSet, calicoRecommenderPolicy, currentCluster, domainRule, rec } from './fixtures';
import { harness, type Harness } from './harness';

const SNP = 'stagednetworkpolicies';
const threeDomains = { egress: [domainRule('a.example.com', 443), domainRule('b.example.com', 443), domainRule('c.example.com', 443)] };
const names = (plural: string, h: Harness) => listObjects(h.fake, plural).map((o) => `${o.metadata.namespace}/${o.metadata.name}`);

describe('ownership: only objects carrying our managed-by label are ours', () => {
  let h: Harness;
  afterEach(() => h.close());

  it("objects carrying only Calico's labels (Calico's own recommender) are never deleted: not by cleanup, not when a recommendation goes, not by purge", async () => {
    h = await harness({ namespaces: { default: {}, shop: { team: 'web' }, payments: {}, billing: {} } });
    const cluster = await h.cluster('owner', { scope: { ...SCOPE, namespaceSpec: { ...SCOPE.namespaceSpec!, selector: "team == 'web'" } } });
    putObject(h.fake, SNP, calicoRecommenderPolicy('payments'));
    putObject(h.fake, 'networksets', calicoRecommenderDomainSet('payments'));
    putObject(h.fake, SNP, calicoRecommenderPolicy('billing'));
    // billing's recommendation leaves the scope (no team=web) and is deleted: its objects' names are Calico's too.
    await h.recommend('owner', rec('shop', threeDomains), rec('billing'));

    const summary = await pushCluster(h.deps, cluster);

    expect(summary).toMatchObject({ applied: 2, deleted: 0 });
    expect(summary.error).toBeUndefined();
    expect(await h.store.getRecommendation('owner', 'billing')).toBeUndefined();
    expect(h.fake.requestsTo('DELETE', /./)).toEqual([]);
    expect(names(SNP, h)).toEqual([
      'billing/namespace-isolation.billing-recommendation',
      'payments/namespace-isolation.payments-recommendation',
      'shop/namespace-isolation.shop-recommendation',
    ]);

    await purgeCluster(h.deps.publishers, await currentCluster(h.store, 'owner'));

    expect(names(SNP, h)).toEqual(['billing/namespace-isolation.billing-recommendation', 'payments/namespace-isolation.payments-recommendation']);
    expect(names('networksets', h)).toEqual(['payments/payments-egress-domains']);
  });
});
