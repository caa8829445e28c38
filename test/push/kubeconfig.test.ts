import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createPublisherFactory } from '../../lib/adapters/kubernetes/publisher-factory';
import type { Cluster } from '../../lib/app/cluster';
import { InvalidKubeconfigError, UnsupportedKubeconfigError } from '../../lib/adapters/kubernetes/errors';
import { loadKubeconfig } from '../../lib/adapters/kubernetes/kubeconfig';
import { createKubernetesPublisher } from '../../lib/adapters/kubernetes/publisher';
import { kubeconfigYaml, startFakeKube, type FakeKubeServer } from '../support/fake-kube';
import { testCertificate } from '../support/fake-kube/certs';
import { TOKEN, manualClock } from './fixtures';
import { MemorySecrets } from './harness';

const origin = { description: 'secret kc/test' };
const load = (yaml: string) => loadKubeconfig(yaml, origin);

function clientCertKubeconfig(): string {
  const data = (s: string) => Buffer.from(s).toString('base64');
  return stringify({
    apiVersion: 'v1',
    clusters: [{ name: 'c', cluster: { server: 'https://10.0.0.1:6443', 'certificate-authority-data': data('CA') } }],
    users: [{ name: 'u', user: { 'client-certificate-data': data('CERT'), 'client-key-data': data('KEY') } }],
    contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u' } }],
    'current-context': 'ctx',
  });
}

describe('kubeconfig loading', () => {
  it.each([
    ['a token', kubeconfigYaml({ server: 'https://10.0.0.1:6443', auth: { token: TOKEN } })],
    ['basic auth', kubeconfigYaml({ server: 'https://10.0.0.1:6443', auth: { username: 'u', password: 'p' } })],
    ['a client certificate', clientCertKubeconfig()],
  ])('accepts %s', (_, yaml) => {
    expect(load(yaml).server).toBe('https://10.0.0.1:6443');
  });

  it('refuses an exec plugin other than the EKS ones, saying what is supported', () => {
    const yaml = kubeconfigYaml({ server: 'https://10.0.0.1:6443', auth: { exec: { command: '/bin/sh', args: ['-c', 'cat /etc/passwd'] } } });
    expect(() => load(yaml)).toThrow(UnsupportedKubeconfigError);
    expect(() => load(yaml)).toThrow(/exec plugin with a command other than aws eks get-token or aws-iam-authenticator; only "aws eks get-token --cluster-name <name>/);
  });

  it.each([
    [['eks', 'get-token', '--cluster-name', 'prod'], 'aws', { clusterName: 'prod' }],
    [['--region', 'eu-west-1', 'eks', 'get-token', '--cluster-name', 'prod', '--output', 'json'], 'aws', { clusterName: 'prod', region: 'eu-west-1' }],
    [['eks', 'get-token', '--cluster-name', 'prod', '--cluster-name', 'other'], 'aws', 'refused'],
    [['eks', 'get-token', '--cluster-name', 'prod', '--endpoint-url', 'https://evil.example'], 'aws', 'refused'],
    [['s3', 'cp', 's3://a/b', '/tmp/x'], 'aws', 'refused'],
    [
      ['eks', 'get-token', '--cluster-name=prod', '--region', 'eu-west-1', '--role-arn', 'arn:aws:iam::123456789012:role/pusher'],
      'aws',
      { clusterName: 'prod', region: 'eu-west-1', roleArn: 'arn:aws:iam::123456789012:role/pusher' },
    ],
    [['eks', 'get-token', '--cluster-name', 'prod', '--profile', 'x'], 'aws', { clusterName: 'prod' }],
    [['token', '-i', 'prod', '-r', 'arn:aws:iam::123456789012:role/pusher'], 'aws-iam-authenticator', { clusterName: 'prod', roleArn: 'arn:aws:iam::123456789012:role/pusher' }],
    [['eks', 'get-token', '--cluster-name', 'prod'], '/usr/local/bin/aws', { clusterName: 'prod' }],
  ] as const)('reads the EKS exec %j of %s without running it', (args, command, expected) => {
    const yaml = kubeconfigYaml({ server: 'https://10.0.0.1:6443', auth: { exec: { command, args: [...args] } } });
    if (expected === 'refused') expect(() => load(yaml)).toThrow(UnsupportedKubeconfigError);
    else expect(load(yaml).eks).toEqual(expected);
  });

  it('refuses an auth-provider', () => {
    expect(() => load(kubeconfigYaml({ server: 'https://10.0.0.1:6443', auth: { authProvider: 'oidc' } }))).toThrow(UnsupportedKubeconfigError);
  });

  it('refuses plain http, even with insecure-skip-tls-verify; only the local stack allows it', () => {
    expect(() => load(kubeconfigYaml({ server: 'http://10.0.0.1:8080', auth: { token: TOKEN }, trustCa: false }))).toThrow(UnsupportedKubeconfigError);
    expect(() => load(kubeconfigYaml({ server: 'http://10.0.0.1:8080', auth: { token: TOKEN }, trustCa: false, insecureSkipTlsVerify: true }))).toThrow(
      /points at plain http; use https/,
    );
    const local = loadKubeconfig(kubeconfigYaml({ server: 'http://10.0.0.1:8080', auth: { token: TOKEN }, trustCa: false }), origin, { allowPlainHttp: true });
    expect(local.server).toBe('http://10.0.0.1:8080');
  });

  it('reports a kubeconfig without a current context or with broken YAML without quoting it', () => {
    expect(() => load('apiVersion: v1\nclusters: []\n')).toThrow(InvalidKubeconfigError);
    const broken = `users: [ {token: ${TOKEN}`;
    const err = (() => {
      try {
        load(broken);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(InvalidKubeconfigError);
    expect(err!.message).toBe('the kubeconfig in secret kc/test cannot be parsed');
  });
});

describe('kubeconfig files and insecure-skip-tls-verify', () => {
  let fake: FakeKubeServer;
  beforeAll(async () => {
    fake = await startFakeKube({ tokens: [TOKEN] });
  });
  afterAll(() => fake.close());

  it('is honoured when set: an untrusted certificate is accepted', async () => {
    const loaded = load(kubeconfigYaml({ server: fake.url, auth: { token: TOKEN }, trustCa: false, insecureSkipTlsVerify: true }));
    expect(await createKubernetesPublisher(loaded, { clusterId: 'c', timeoutMs: 2_000 }).listNamespaces()).toEqual([]);
  });
});

describe('kubeconfigFile target', () => {
  let fake: FakeKubeServer;
  let dir: string;
  const factory = createPublisherFactory({ secrets: new MemorySecrets(), clock: manualClock(), timeoutMs: 2_000, secretCacheSeconds: 0, localTargets: true });
  const cluster = (kubeconfigFile: string): Cluster => ({
    id: 'local',
    flowLogs: { bucket: 'b', prefix: '' },
    target: { kubeconfigFile },
    clusterDomain: 'cluster.local',
    registeredAt: 0,
  });
  beforeAll(async () => {
    fake = await startFakeKube({ tokens: [TOKEN] });
    dir = await mkdtemp(join(tmpdir(), 'pr-kubeconfig-'));
  });
  afterAll(async () => {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a kubeconfig file whose CA file path is relative to the file', async () => {
    await writeFile(join(dir, 'ca.pem'), testCertificate().cert);
    const yaml = stringify({
      apiVersion: 'v1',
      clusters: [{ name: 'c', cluster: { server: fake.url, 'certificate-authority': 'ca.pem' } }],
      users: [{ name: 'u', user: { token: TOKEN } }],
      contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u' } }],
      'current-context': 'ctx',
    });
    await writeFile(join(dir, 'config'), yaml);
    const publisher = await factory.open(cluster(join(dir, 'config')));
    expect(await publisher.listNamespaces()).toEqual([]);
  });

  it('reports a missing kubeconfig file by path and error code', async () => {
    await expect(factory.open(cluster(join(dir, 'absent')))).rejects.toThrow(new InvalidKubeconfigError(`the kubeconfig file ${join(dir, 'absent')} cannot be read (ENOENT)`));
  });
});
