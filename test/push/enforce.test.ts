import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBoard } from '../../lib/app/board';
import { pushCluster } from '../../lib/app/push/push-cluster';
import { toYamlStream } from '../../lib/core/yaml';
import { renderNetworkPolicy } from '../../lib/core/engine';
import { getObject, listObjects, removeObject } from '../support/fake-kube';
import { T0, currentCluster, domainRule, rec, renderWithScope } from './fixtures';
import { harness, type Harness } from './harness';
import { clockOf } from '../../lib/core/engine';

const SNP = 'stagednetworkpolicies';
const NP = 'networkpolicies';
const NAME = 'namespace-isolation.shop-recommendation';
const threeDomains = [domainRule('a.example.com', 443), domainRule('b.example.com', 443), domainRule('c.example.com', 443)];

describe('enforce: the push replaces the staged policy by a NetworkPolicy', () => {
  let h: Harness;
  afterEach(() => h.close());

  async function activeAndEnforced(clusterId: string, opts: Parameters<Harness['cluster']>[1] = {}) {
    const cluster = await h.cluster(clusterId, opts);
    await h.recommend(clusterId, rec('shop', { egress: threeDomains }, { stagedAction: 'Set' }));
    await pushCluster(h.deps, cluster);
    const board = createBoard({ store: h.store, clock: clockOf(() => T0 / 1000) });
    // No verdict observed yet: NotObserved is no reason to refuse.
    expect(await board.enforce(clusterId, 'shop', { force: false })).toMatchObject({ changed: true, tab: 'enforced', stagedAction: 'Set' });
    return board;
  }

  it('applies the NetworkPolicy into the tier, then deletes the staged policy; the recommendation is enforced', async () => {
    h = await harness();
    const board = await activeAndEnforced('k8s');
    const before = h.fake.requests.length;

    const summary = await pushCluster(h.deps, await currentCluster(h.store, 'k8s'));

    expect(summary.error).toBeUndefined();
    const calls = h.fake.requests
      .slice(before)
      .filter((r) => r.method !== 'GET')
      .map((r) => `${r.method} ${r.path.replace(/^.*\/namespaces\/shop\//, '')}`);
    const applyNp = calls.findIndex((c) => c.startsWith(`PATCH ${NP}/${NAME}`));
    const deleteSnp = calls.findIndex((c) => c.startsWith(`DELETE ${SNP}/${NAME}`));
    expect(applyNp).toBeGreaterThanOrEqual(0);
    expect(deleteSnp).toBeGreaterThan(applyNp);
    const np = getObject(h.fake, NP, 'shop', NAME)!;
    const staged = renderWithScope(rec('shop', { egress: threeDomains }, { stagedAction: 'Set' })).policy;
    expect(np).toMatchObject(renderNetworkPolicy(staged));
    expect(np.spec).not.toHaveProperty('stagedAction');
    expect(np.metadata.labels).not.toHaveProperty('projectcalico.org/spec.stagedAction');
    expect(np.metadata.labels).toMatchObject({ 'projectcalico.org/tier': 'namespace-isolation', 'app.kubernetes.io/managed-by': 'policy-recommender' });
    expect(getObject(h.fake, SNP, 'shop', NAME)).toBeUndefined();
    // The domain set the policy refers to stays.
    expect(listObjects(h.fake, 'networksets').map((o) => o.metadata.name)).toEqual(['shop-egress-domains']);
    expect((await h.store.getRecommendation('k8s', 'shop'))!.value).toMatchObject({ enforced: true, stagedAction: 'Ignore' });
    expect((await board.listRecommendations('k8s', { tab: 'enforced' })).items.map((i) => i.namespace)).toEqual(['shop']);

    // Later pushes read the NetworkPolicy back and never stage the policy again.
    h.clock.advance(150);
    await pushCluster(h.deps, await currentCluster(h.store, 'k8s'), { force: true });
    expect(getObject(h.fake, SNP, 'shop', NAME)).toBeUndefined();
    expect((await board.listRecommendations('k8s', { tab: 'enforced' })).items.map((i) => i.namespace)).toEqual(['shop']);

    // Deleting the NetworkPolicy in the cluster reruns learning, as for any enforced policy.
    removeObject(h.fake, NP, 'shop', NAME);
    h.clock.advance(150);
    await pushCluster(h.deps, await currentCluster(h.store, 'k8s'));
    const rerun = (await h.store.getRecommendation('k8s', 'shop'))!.value;
    expect(rerun).toMatchObject({ enforced: false, stagedAction: 'Learn', status: 'Learning', egress: [], ingress: [] });
    expect(rerun.enforcement).toBeUndefined();
  });

  it('a target that refuses the NetworkPolicy keeps the staged policy and reports the namespace', async () => {
    h = await harness();
    await activeAndEnforced('refused');
    h.fake.inject({ path: /networkpolicies\/namespace-isolation\.shop/, method: 'PATCH', status: 422 });

    const summary = await pushCluster(h.deps, await currentCluster(h.store, 'refused'));

    expect(summary.error).toMatch(/rejected/);
    expect(getObject(h.fake, SNP, 'shop', NAME)).toBeDefined();
    expect((await h.store.getRecommendation('refused', 'shop'))!.value.enforced).toBe(false);
  });
});

describe('enforce with a directory target', () => {
  let h: Harness;
  let dir: string;
  afterEach(async () => {
    await h.close();
    await rm(join(dir, '..'), { recursive: true, force: true });
  });

  it('writes the NetworkPolicy in place of the staged policy in <ns>.yaml; removing it reruns learning', async () => {
    h = await harness();
    dir = join(await mkdtemp(join(tmpdir(), 'pr-enforce-')), 'manifests');
    const cluster = await h.cluster('dir', { target: { directory: dir } });
    await h.recommend('dir', rec('shop', {}, { stagedAction: 'Set' }));
    await pushCluster(h.deps, cluster);
    const board = createBoard({ store: h.store, clock: clockOf(() => T0 / 1000) });
    await board.enforce('dir', 'shop', { force: false });

    await pushCluster(h.deps, await currentCluster(h.store, 'dir'));

    const staged = renderWithScope(rec('shop', {}, { stagedAction: 'Set' })).policy;
    expect(await readFile(join(dir, 'shop.yaml'), 'utf8')).toBe(toYamlStream([renderNetworkPolicy(staged)]));
    expect((await board.getRecommendation('dir', 'shop')).tab).toBe('enforced');

    // The next push reads the file back: still enforced, nothing staged again.
    await pushCluster(h.deps, await currentCluster(h.store, 'dir'), { force: true });
    expect(await readFile(join(dir, 'shop.yaml'), 'utf8')).toBe(toYamlStream([renderNetworkPolicy(staged)]));
    expect((await h.store.getRecommendation('dir', 'shop'))!.value).toMatchObject({ enforced: true, stagedAction: 'Ignore' });

    await writeFile(join(dir, 'shop.yaml'), '');
    await pushCluster(h.deps, await currentCluster(h.store, 'dir'));
    expect((await h.store.getRecommendation('dir', 'shop'))!.value).toMatchObject({ enforced: false, stagedAction: 'Learn', ingress: [] });
  });
});
