import { createHash, createHmac } from 'node:crypto';
import { DescribeClusterCommand, EKSClient, ResourceNotFoundException } from '@aws-sdk/client-eks';
import { AssumeRoleCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeEksCluster } from '../../lib/adapters/eks/describe';
import { EksAccessError } from '../../lib/adapters/eks/errors';
import { presignEksToken, type AwsCredentials } from '../../lib/adapters/eks/token';
import { createEksAuth, TOKEN_REUSE_MS } from '../../lib/adapters/eks/token-source';
import { createPublisherFactory, type EksAccess } from '../../lib/adapters/kubernetes/publisher-factory';
import type { Cluster, Target } from '../../lib/app/cluster';
import { pushCluster } from '../../lib/app/push/push-cluster';
import { freshStore } from '../support/aws';
import { addNamespace, kubeconfigYaml, listObjects, startFakeKube, type FakeKubeServer } from '../support/fake-kube';
import { testCertificate } from '../support/fake-kube/certs';
import { T0, manualClock, rec, registerCluster } from './fixtures';
import { MemorySecrets } from './harness';

const CREDS: AwsCredentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'session/token+value=' };
const ASSUMED: AwsCredentials = { accessKeyId: 'ASIAASSUMED', secretAccessKey: 'assumed-secret-key', sessionToken: 'assumed-session' };
const ROLE = 'arn:aws:iam::123456789012:role/policy-recommender-push';

/** Decodes a token back to its presigned URL. */
function decode(token: string): URL {
  expect(token.startsWith('k8s-aws-v1.')).toBe(true);
  const body = token.slice('k8s-aws-v1.'.length);
  expect(body).toMatch(/^[A-Za-z0-9_-]+$/); // base64url, no padding
  return new URL(Buffer.from(body, 'base64url').toString('utf8'));
}

const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** SigV4 query-string signature, recomputed from the AWS documentation with node:crypto only. */
function expectedSignature(url: URL, clusterName: string, secretAccessKey: string): string {
  const params = [...url.searchParams.entries()].filter(([k]) => k !== 'X-Amz-Signature').sort(([a], [b]) => (a < b ? -1 : 1));
  const canonicalQuery = params.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join('&');
  const signedHeaders = url.searchParams.get('X-Amz-SignedHeaders')!;
  const headers: Record<string, string> = { host: url.host, 'x-k8s-aws-id': clusterName };
  const canonicalHeaders = signedHeaders
    .split(';')
    .map((h) => `${h}:${headers[h]}\n`)
    .join('');
  const emptyHash = createHash('sha256').update('').digest('hex');
  const canonicalRequest = ['GET', '/', canonicalQuery, canonicalHeaders, signedHeaders, emptyHash].join('\n');
  const amzDate = url.searchParams.get('X-Amz-Date')!;
  const [, day, region, service] = /^[^/]+\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/.exec(url.searchParams.get('X-Amz-Credential')!)!;
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day!), region!), service!), 'aws4_request');
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

describe('EKS token (presigned STS GetCallerIdentity)', () => {
  it('is k8s-aws-v1. + base64url of a regional STS URL, bound to the cluster and valid by SigV4', async () => {
    const token = await presignEksToken({ clusterName: 'prod-eu', region: 'eu-west-1', credentials: CREDS, signingDate: new Date(T0) });
    const url = decode(token);
    expect(url.protocol).toBe('https:');
    expect(url.host).toBe('sts.eu-west-1.amazonaws.com');
    expect(url.pathname).toBe('/');
    expect(url.searchParams.get('Action')).toBe('GetCallerIdentity');
    expect(url.searchParams.get('Version')).toBe('2011-06-15');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('60');
    expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(url.searchParams.get('X-Amz-Date')).toBe('20260901T120000Z');
    expect(url.searchParams.get('X-Amz-Credential')).toBe('AKIDEXAMPLE/20260901/eu-west-1/sts/aws4_request');
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe(CREDS.sessionToken);
    expect(url.searchParams.get('X-Amz-SignedHeaders')!.split(';')).toEqual(['host', 'x-k8s-aws-id']);
    expect(url.searchParams.get('X-Amz-Signature')).toBe(expectedSignature(url, 'prod-eu', CREDS.secretAccessKey));
    // Bound to the cluster: the same request for another cluster has another signature.
    const other = decode(await presignEksToken({ clusterName: 'prod-us', region: 'eu-west-1', credentials: CREDS, signingDate: new Date(T0) }));
    expect(other.searchParams.get('X-Amz-Signature')).not.toBe(url.searchParams.get('X-Amz-Signature'));
    expect(url.searchParams.get('X-Amz-Signature')).not.toBe(expectedSignature(url, 'prod-us', CREDS.secretAccessKey));
  });
});

// One mock per client class for the whole file (a second mockClient of a class replaces the first).
const eks = mockClient(EKSClient);
const sts = mockClient(STSClient);
// The class stays mocked for this file only: later files in the same worker (isolate: false) use the real client.
afterAll(() => {
  eks.restore();
  sts.restore();
});
afterEach(() => {
  eks.reset();
  sts.reset();
});

describe('EKS token source', () => {
  const client = new STSClient({ region: 'eu-west-1', credentials: CREDS });

  it('signs with the function credentials when no role is given, and renews the token before EKS stops accepting it', async () => {
    const clock = manualClock();
    const source = createEksAuth({ sts: () => client, nowMs: clock.nowMs }).source({ clusterName: 'prod', region: 'eu-west-1' });
    const first = await source.token();
    expect(decode(first).searchParams.get('X-Amz-Credential')).toMatch(/^AKIDEXAMPLE\//);
    clock.advance(60);
    expect(await source.token()).toBe(first);
    clock.advance(TOKEN_REUSE_MS / 1000);
    const renewed = await source.token();
    expect(renewed).not.toBe(first);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(0);
  });

  it('assumes the role first when one is given, and reuses the credentials until shortly before they expire', async () => {
    const clock = manualClock();
    sts.on(AssumeRoleCommand).resolves({
      Credentials: { AccessKeyId: ASSUMED.accessKeyId, SecretAccessKey: ASSUMED.secretAccessKey, SessionToken: ASSUMED.sessionToken, Expiration: new Date(T0 + 3600_000) },
    });
    const source = createEksAuth({ sts: () => client, nowMs: clock.nowMs }).source({ clusterName: 'prod', region: 'eu-west-1', roleArn: ROLE });
    const url = decode(await source.token());
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^ASIAASSUMED\//);
    expect(url.searchParams.get('X-Amz-Signature')).toBe(expectedSignature(url, 'prod', ASSUMED.secretAccessKey));
    expect(sts.commandCalls(AssumeRoleCommand)[0]!.args[0].input).toMatchObject({ RoleArn: ROLE, RoleSessionName: 'policy-recommender' });
    clock.advance(11 * 60);
    await source.token();
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
    clock.advance(50 * 60);
    await source.token();
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(2);
  });

  it('a refused AssumeRole is an EksAccessError with the error code only', async () => {
    sts
      .on(AssumeRoleCommand)
      .rejects(new STSServiceException({ name: 'AccessDenied', $fault: 'client', message: 'User arn:aws:sts::1:assumed-role/x is not authorized', $metadata: {} }));
    const source = createEksAuth({ sts: () => client, nowMs: () => T0 }).source({ clusterName: 'prod', region: 'eu-west-1', roleArn: ROLE });
    const err = await source.token().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EksAccessError);
    expect((err as Error).message).toBe(`EKS cluster prod: AssumeRole ${ROLE} failed (AccessDenied)`);
  });
});

describe('DescribeCluster', () => {
  const client = new EKSClient({ region: 'eu-west-1', credentials: CREDS });

  it('gives the endpoint and CA', async () => {
    eks
      .on(DescribeClusterCommand, { name: 'prod' })
      .resolves({ cluster: { endpoint: 'https://ABC.gr7.eu-west-1.eks.amazonaws.com', certificateAuthority: { data: 'Q0E=' }, status: 'ACTIVE' } });
    expect(await describeEksCluster(client, 'prod')).toEqual({ server: 'https://ABC.gr7.eu-west-1.eks.amazonaws.com', caData: 'Q0E=' });
  });

  it('a missing cluster or one still creating is an EksAccessError naming the cluster', async () => {
    eks.on(DescribeClusterCommand).rejects(new ResourceNotFoundException({ message: 'No cluster found for name: prod.', $metadata: {} }));
    await expect(describeEksCluster(client, 'prod')).rejects.toThrow(new EksAccessError('prod', 'DescribeCluster', 'ResourceNotFoundException'));
    eks.reset();
    eks.on(DescribeClusterCommand).resolves({ cluster: { status: 'CREATING' } });
    await expect(describeEksCluster(client, 'prod')).rejects.toThrow(/cluster is CREATING: no endpoint or certificate authority yet/);
  });
});

describe('push to an EKS cluster through the real Kubernetes client', () => {
  let fake: FakeKubeServer;
  const presented: string[] = [];
  beforeAll(async () => {
    fake = await startFakeKube({
      acceptToken: (t) => {
        presented.push(t);
        if (!t.startsWith('k8s-aws-v1.')) return false;
        const url = new URL(Buffer.from(t.slice(11), 'base64url').toString('utf8'));
        return url.searchParams.get('Action') === 'GetCallerIdentity' && url.searchParams.get('X-Amz-Signature') === expectedSignature(url, 'prod', ASSUMED.secretAccessKey);
      },
    });
    addNamespace(fake, 'shop', {});
  });
  afterAll(() => fake.close());
  afterEach(() => {
    presented.length = 0;
  });

  function access(): EksAccess {
    const auth = createEksAuth({ sts: () => new STSClient({ region: 'eu-west-1', credentials: CREDS }), nowMs: () => Date.now() });
    return {
      defaultRegion: 'eu-west-1',
      describe: (name) => describeEksCluster(new EKSClient({ region: 'eu-west-1', credentials: CREDS }), name),
      tokens: (id) => auth.source(id),
    };
  }

  async function push(id: string, target: Target, secrets = new MemorySecrets()) {
    const { store } = await freshStore();
    const cluster: Cluster = await registerCluster(store, id, target);
    await store.putRecommendation(id, rec('shop'), null);
    const publishers = createPublisherFactory({ secrets, clock: manualClock(), timeoutMs: 5_000, secretCacheSeconds: 0, localTargets: false, eks: access() });
    return pushCluster({ store, publishers, clock: manualClock() }, cluster);
  }

  it('an eks target: endpoint and CA from DescribeCluster, token signed after AssumeRole', async () => {
    eks
      .on(DescribeClusterCommand, { name: 'prod' })
      .resolves({ cluster: { endpoint: fake.url, certificateAuthority: { data: Buffer.from(testCertificate().cert).toString('base64') } } });
    sts.on(AssumeRoleCommand).resolves({
      Credentials: {
        AccessKeyId: ASSUMED.accessKeyId,
        SecretAccessKey: ASSUMED.secretAccessKey,
        SessionToken: ASSUMED.sessionToken,
        Expiration: new Date(Date.now() + 3600_000),
      },
    });
    const summary = await push('eks1', { eks: { name: 'prod', region: 'eu-west-1', roleArn: ROLE } });
    expect(summary.error).toBeUndefined();
    expect(summary.applied).toBeGreaterThan(0);
    expect(presented.length).toBeGreaterThan(0);
    expect(presented.every((t) => t.startsWith('k8s-aws-v1.'))).toBe(true);
    expect(listObjects(fake, 'stagednetworkpolicies').length).toBeGreaterThan(0);
  });

  it('a kubeconfig secret whose user runs aws eks get-token: served in-process, nothing spawned', async () => {
    sts.on(AssumeRoleCommand).resolves({
      Credentials: {
        AccessKeyId: ASSUMED.accessKeyId,
        SecretAccessKey: ASSUMED.secretAccessKey,
        SessionToken: ASSUMED.sessionToken,
        Expiration: new Date(Date.now() + 3600_000),
      },
    });
    const secrets = new MemorySecrets();
    secrets.values.set(
      'kc/eks',
      kubeconfigYaml({ server: fake.url, auth: { exec: { command: 'aws', args: ['eks', 'get-token', '--cluster-name', 'prod', '--region', 'eu-west-1', '--role-arn', ROLE] } } }),
    );
    const summary = await push('eks2', { kubeconfigSecret: 'kc/eks' }, secrets);
    expect(summary.error).toBeUndefined();
    expect(presented.every((t) => t.startsWith('k8s-aws-v1.'))).toBe(true);
    expect(eks.commandCalls(DescribeClusterCommand)).toHaveLength(0);
  });

  it('a DescribeCluster failure fails the cluster with a clear message', async () => {
    eks.on(DescribeClusterCommand).rejects(new ResourceNotFoundException({ message: 'No cluster found', $metadata: {} }));
    const summary = await push('eks3', { eks: { name: 'gone', region: 'eu-west-1' } });
    expect(summary.error).toBe('EKS cluster gone: DescribeCluster failed (ResourceNotFoundException)');
  });
});
