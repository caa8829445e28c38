import { afterEach, describe, expect, it } from 'vitest';
import { pushCluster } from '../../lib/app/push/push-cluster';
import { getObject, listObjects } from '../support/fake-kube';
import { TOKEN, currentCluster, rec } from './fixtures';
import { harness, type Harness } from './harness';

describe('pushCluster records failures on the cluster and loses nothing', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('bad credentials (401): ClusterAuthError recorded with backoff; recommendations untouched; no token in the error', async () => {
    h = await harness();
    const cluster = await h.cluster('badcreds', { auth: { token: 'revoked-token-0f9e8d7c' } });
    await h.recommend('badcreds', rec('shop'));
    const before = await h.store.listRecommendations('badcreds');

    const summary = await pushCluster(h.deps, cluster);

    expect(summary.error).toBe('cluster badcreds rejected the credentials (HTTP 401) during list namespaces');
    expect(summary).toMatchObject({ consecutiveFailures: 1, nextAttemptAt: h.clock.nowMs() / 1000 + 60, applied: 0 });
    expect(JSON.stringify(await currentCluster(h.store, 'badcreds'))).not.toContain('revoked-token-0f9e8d7c');
    expect(await h.store.listRecommendations('badcreds')).toEqual(before);
    expect(await h.store.listNamespaces('badcreds')).toEqual([]);
  });

  it('consecutive failures double the backoff up to 30 minutes, and a success resets it', async () => {
    h = await harness();
    await h.cluster('backoff', { auth: { token: 'nope-nope-nope' } });
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      const s = await pushCluster(h.deps, await currentCluster(h.store, 'backoff'));
      waits.push(s.nextAttemptAt! - h.clock.nowMs() / 1000);
      h.clock.advance(s.nextAttemptAt! - h.clock.nowMs() / 1000);
    }
    expect(waits).toEqual([60, 120, 240, 480, 960, 1800, 1800]);
    h.secrets.values.set('kc/backoff', h.secrets.values.get('kc/backoff')!.replace('nope-nope-nope', TOKEN));
    const ok = await pushCluster(h.deps, await currentCluster(h.store, 'backoff'));
    expect(ok).toMatchObject({ consecutiveFailures: 0, runCount: 8 });
    expect(ok.nextAttemptAt).toBeUndefined();
    expect(ok.error).toBeUndefined();
  });

  it('a manifest rejected (422) fails only its namespace: the others are published, it stays unpublished, the error names it', async () => {
    h = await harness();
    const cluster = await h.cluster('reject');
    await h.recommend('reject', rec('shop'), rec('payments'));
    h.fake.inject({ method: 'PATCH', path: /\/namespaces\/payments\/stagednetworkpolicies\//, status: 422, message: 'spec.ingress[0]: Invalid value: "x"' });

    const summary = await pushCluster(h.deps, cluster);

    expect(summary.error).toBe(
      '1 manifest(s) rejected: cluster reject rejected StagedNetworkPolicy payments/namespace-isolation.payments-recommendation (HTTP 422): spec.ingress[0]: Invalid value: "x"',
    );
    expect(summary).toMatchObject({ applied: 1, consecutiveFailures: 1 });
    expect((await h.store.getRecommendation('reject', 'payments'))!.publishedVersion).toBeNull();
    const shop = (await h.store.getRecommendation('reject', 'shop'))!;
    expect(shop.publishedVersion).toBe(shop.version);
  });

  it('a slow cluster hits the call timeout and is recorded as such', async () => {
    h = await harness({ timeoutMs: 200 });
    const cluster = await h.cluster('slow');
    await h.recommend('slow', rec('shop'));
    h.fake.inject({ path: '/api/v1/namespaces', delayMs: 10_000 });

    const summary = await pushCluster(h.deps, cluster);

    expect(summary.error).toBe('cluster slow is unreachable (timeout after 200 ms during list namespaces)');
    expect(summary.consecutiveFailures).toBe(1);
  });

  it('an exec plugin other than the EKS ones is refused before any request, with a clear message', async () => {
    h = await harness();
    const cluster = await h.cluster('exec', { auth: { exec: { command: 'gke-gcloud-auth-plugin', args: [] } } });
    await h.recommend('exec', rec('shop'));

    const summary = await pushCluster(h.deps, cluster);

    expect(summary.error).toMatch(
      /^the kubeconfig in secret kc\/exec uses an exec plugin with a command other than aws eks get-token or aws-iam-authenticator; only "aws eks get-token/,
    );
    expect(h.fake.requests).toEqual([]);
  });

  it('a 500 while reading back leaves the store as it was and publishes nothing', async () => {
    h = await harness();
    const cluster = await h.cluster('fivehundred');
    await h.recommend('fivehundred', rec('shop'));
    h.fake.inject({ path: /stagednetworkpolicies$/, method: 'GET', status: 500 });

    const summary = await pushCluster(h.deps, cluster);

    expect(summary.error).toBe('cluster fivehundred answered HTTP 500 during list stagednetworkpolicies: injected failure 500');
    expect(await h.store.listNamespaces('fivehundred')).toEqual([]);
    expect(listObjects(h.fake, 'stagednetworkpolicies')).toEqual([]);
    expect(getObject(h.fake, 'tiers', undefined, 'namespace-isolation')).toBeUndefined();
  });
});
