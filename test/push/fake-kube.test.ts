import { ApiException, KubeConfig, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNamespace, kubeconfigYaml, startFakeKube, type FakeKubeServer } from '../support/fake-kube';
import { parseLabelSelector } from '../support/fake-kube/label-selector';
import { TOKEN } from './fixtures';

/** The fake must behave like the real API server where our adapter could go wrong. */
describe('fake Kubernetes API server', () => {
  let fake: FakeKubeServer;
  let api: KubernetesObjectApi;
  const set = (name: string): KubernetesObject & { spec: object } => ({
    apiVersion: 'projectcalico.org/v3',
    kind: 'NetworkSet',
    metadata: { name, namespace: 'shop', labels: { app: 'x' } },
    spec: { nets: ['10.0.0.0/8'] },
  });
  const status = (p: Promise<unknown>) =>
    p.then(
      () => 200,
      (e: unknown) => (e instanceof ApiException ? e.code : -1),
    );

  beforeAll(async () => {
    fake = await startFakeKube({ tokens: [TOKEN] });
    addNamespace(fake, 'shop');
    const kc = new KubeConfig();
    kc.loadFromString(kubeconfigYaml({ server: fake.url, auth: { token: TOKEN } }));
    api = KubernetesObjectApi.makeApiClient(kc);
  });
  afterAll(() => fake.close());

  it('answers 409 AlreadyExists to a second create', async () => {
    expect(await status(api.create(set('a')))).toBe(200);
    expect(await status(api.create(set('a')))).toBe(409);
  });

  it('answers 409 to a replace with a stale resourceVersion and bumps resourceVersion on every write', async () => {
    const first = await api.read({ apiVersion: 'projectcalico.org/v3', kind: 'NetworkSet', metadata: { name: 'a', namespace: 'shop' } });
    const updated = await api.replace({ ...first, spec: { nets: ['10.1.0.0/16'] } } as KubernetesObject);
    expect(Number(updated.metadata!.resourceVersion)).toBeGreaterThan(Number(first.metadata!.resourceVersion));
    expect(updated.metadata!.uid).toBe(first.metadata!.uid);
    expect(await status(api.replace(first))).toBe(409);
  });

  it("refuses the client's default (strategic merge) patch on a custom resource with 415, as the real server does", async () => {
    expect(await status(api.patch(set('a')))).toBe(415);
  });

  it('answers 404 to reading or deleting an absent object, and to writing into a missing namespace', async () => {
    expect(await status(api.read({ apiVersion: 'projectcalico.org/v3', kind: 'NetworkSet', metadata: { name: 'zz', namespace: 'shop' } }))).toBe(404);
    expect(await status(api.delete(set('zz')))).toBe(404);
    expect(await status(api.create({ ...set('b'), metadata: { name: 'b', namespace: 'nowhere' } }))).toBe(404);
  });

  it('serves injected 500s a limited number of times', async () => {
    fake.inject({ path: /networksets\/a$/, method: 'GET', status: 500, times: 1 });
    const read = () => api.read({ apiVersion: 'projectcalico.org/v3', kind: 'NetworkSet', metadata: { name: 'a', namespace: 'shop' } });
    expect(await status(read())).toBe(500);
    expect(await status(read())).toBe(200);
  });

  it.each([
    ['a=b', { a: 'b' }, true],
    ['a==b,c', { a: 'b', c: '' }, true],
    ['a!=b', { a: 'c' }, true],
    ['!a', { a: 'b' }, false],
    ['a in (x,y),b notin (z)', { a: 'y', b: 'q' }, true],
    ['a', {}, false],
  ])('label selector %s on %o is %s', (selector, labels, expected) => {
    expect(parseLabelSelector(selector)(labels)).toBe(expected);
  });
});
