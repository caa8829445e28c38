import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubernetesPublisher } from '../../lib/adapters/kubernetes/publisher';
import { loadKubeconfig } from '../../lib/adapters/kubernetes/kubeconfig';
import { ClusterAuthError, ClusterTimeoutError, ClusterUnreachableError, ManifestRejectedError } from '../../lib/app/push/errors';
import { renderTier } from '../../lib/core/engine';
import { addNamespace, getObject, kubeconfigYaml, putObject, removeObject, startFakeKube, type FakeKubeServer } from '../support/fake-kube';
import { SCOPE, TOKEN, domainRule, rec, renderWithScope } from './fixtures';

const publisherFor = (yaml: string, timeoutMs = 5_000) => createKubernetesPublisher(loadKubeconfig(yaml, { description: 'secret test' }), { clusterId: 'c1', timeoutMs });

describe('Kubernetes publisher against the fake API server over HTTPS', () => {
  let fake: FakeKubeServer;
  beforeAll(async () => {
    fake = await startFakeKube({ tokens: [TOKEN], basicAuth: [{ username: 'admin', password: 'p4ssw0rd-basic' }] });
    addNamespace(fake, 'shop', { team: 'a' });
  });
  afterAll(() => fake.close());

  it('creates the tier and a staged policy by server-side apply with our field manager and force', async () => {
    const p = publisherFor(kubeconfigYaml({ server: fake.url, auth: { token: TOKEN } }));
    await p.ensureTier(renderTier('namespace-isolation'));
    const rendered = renderWithScope(rec('shop'));
    await p.apply(rendered.policy);
    const patches = fake.requestsTo('PATCH', /stagednetworkpolicies/);
    expect(patches).toHaveLength(1);
    expect(patches[0]).toMatchObject({ contentType: 'application/apply-patch+yaml', query: { fieldManager: 'policy-recommender', force: 'true' } });
    expect(getObject(fake, 'tiers', undefined, 'namespace-isolation')).toMatchObject({ spec: { order: 10000 } });
    expect(getObject(fake, 'stagednetworkpolicies', 'shop', rendered.policy.metadata.name)).toMatchObject({ spec: rendered.policy.spec });
  });

  it('reads namespaces with labels and our staged policies (every tier) by our managed-by label', async () => {
    const p = publisherFor(kubeconfigYaml({ server: fake.url, auth: { token: TOKEN } }));
    expect(await p.listNamespaces()).toEqual([{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop', team: 'a' } }]);
    await p.apply(renderWithScope(rec('shop'), { namespaceSpec: { ...SCOPE.namespaceSpec!, tierName: 'other-tier' } }).policy);
    // Calico Enterprise's recommender writes the same Calico labels, but not ours.
    const calicos = renderWithScope(rec('shop'), { namespaceSpec: { ...SCOPE.namespaceSpec!, tierName: 'calico-tier' } }).policy;
    const { 'app.kubernetes.io/managed-by': _ours, ...calicoLabels } = calicos.metadata.labels!;
    putObject(fake, 'stagednetworkpolicies', { ...calicos, metadata: { ...calicos.metadata, labels: calicoLabels } });

    expect(await p.listStagedPolicies()).toEqual([
      { namespace: 'shop', name: 'namespace-isolation.shop-recommendation', tier: 'namespace-isolation', stagedAction: 'Learn' },
      { namespace: 'shop', name: 'other-tier.shop-recommendation', tier: 'other-tier', stagedAction: 'Learn' },
    ]);
    expect(fake.requestsTo('GET', /stagednetworkpolicies$/).at(-1)?.query.labelSelector).toBe(
      'app.kubernetes.io/managed-by=policy-recommender,policyrecommendation.tigera.io/scope=namespace',
    );
    removeObject(fake, 'stagednetworkpolicies', 'shop', 'other-tier.shop-recommendation');
    removeObject(fake, 'stagednetworkpolicies', 'shop', 'calico-tier.shop-recommendation');
  });

  it('reports a delete of an absent object as already gone, not as an error', async () => {
    const p = publisherFor(kubeconfigYaml({ server: fake.url, auth: { token: TOKEN } }));
    expect(await p.delete({ kind: 'NetworkSet', namespace: 'shop', name: 'shop-egress-domains' })).toBe(false);
    const rendered = renderWithScope(rec('shop', { egress: [domainRule('a.com', 443), domainRule('b.com', 443), domainRule('c.com', 443)] }));
    await p.apply(rendered.domainSet!);
    expect(await p.delete({ kind: 'NetworkSet', namespace: 'shop', name: 'shop-egress-domains' })).toBe(true);
  });

  it('accepts basic auth', async () => {
    const p = publisherFor(kubeconfigYaml({ server: fake.url, auth: { username: 'admin', password: 'p4ssw0rd-basic' } }));
    expect((await p.listNamespaces())?.map((n) => n.name)).toEqual(['shop']);
  });

  it('turns 401 into ClusterAuthError without the token in the message', async () => {
    const p = publisherFor(kubeconfigYaml({ server: fake.url, auth: { token: 'wrong-token-123456' } }));
    const err = await p.listNamespaces().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClusterAuthError);
    expect((err as Error).message).not.toContain('wrong-token-123456');
  });

  it('turns a 422 on apply into ManifestRejectedError naming the object', async () => {
    fake.inject({ method: 'PATCH', path: /stagednetworkpolicies/, status: 422, message: 'spec.egress[0].action: Invalid value', times: 1 });
    const p = publisherFor(kubeconfigYaml({ server: fake.url, auth: { token: TOKEN } }));
    const err = await p.apply(renderWithScope(rec('shop')).policy).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ManifestRejectedError);
    expect(err).toMatchObject({ kind: 'StagedNetworkPolicy', namespace: 'shop', status: 422 });
    expect((err as Error).message).toContain('spec.egress[0].action: Invalid value');
  });

  it('gives up on a slow answer after the configured timeout', async () => {
    fake.inject({ path: '/api/v1/namespaces', delayMs: 5_000, times: 1 });
    const p = publisherFor(kubeconfigYaml({ server: fake.url, auth: { token: TOKEN } }), 200);
    await expect(p.listNamespaces()).rejects.toBeInstanceOf(ClusterTimeoutError);
  });

  it('refuses a server whose certificate is not trusted', async () => {
    const p = publisherFor(kubeconfigYaml({ server: fake.url, auth: { token: TOKEN }, trustCa: false }));
    await expect(p.listNamespaces()).rejects.toBeInstanceOf(ClusterUnreachableError);
  });
});
