import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient, SecretsManagerServiceException } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createPublisherFactory } from '../../lib/adapters/kubernetes/publisher-factory';
import { SecretAccessError, SecretNotFoundError } from '../../lib/adapters/secrets/errors';
import { secretsManagerReader } from '../../lib/adapters/secrets/secret-reader';
import type { Cluster } from '../../lib/app/cluster';
import { kubeconfigYaml } from '../support/fake-kube';
import { manualClock } from './fixtures';

const sm = mockClient(SecretsManagerClient);
// The class stays mocked for this file only: later files in the same worker (isolate: false) use the real client.
afterAll(() => {
  sm.restore();
});
const client = new SecretsManagerClient({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'secret' } });
afterEach(() => sm.reset());

const SECRET_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.super-secret-token';
const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:policy-recommender/prod-AbCdEf';
const cluster = (kubeconfigSecret: string): Cluster => ({
  id: 'prod',
  flowLogs: { bucket: 'b', prefix: 'p' },
  target: { kubeconfigSecret },
  clusterDomain: 'cluster.local',
  registeredAt: 0,
});

describe('Secrets Manager reader', () => {
  it('returns the secret string, looked up by name or ARN', async () => {
    sm.on(GetSecretValueCommand, { SecretId: ARN }).resolves({ SecretString: 'kubeconfig text' });
    expect(await secretsManagerReader(client).getSecretString(ARN)).toBe('kubeconfig text');
    expect(sm.commandCalls(GetSecretValueCommand)[0]!.args[0].input).toEqual({ SecretId: ARN });
  });

  it('decodes a binary secret as UTF-8', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretBinary: new TextEncoder().encode('binary kubeconfig') });
    expect(await secretsManagerReader(client).getSecretString('policy-recommender/prod')).toBe('binary kubeconfig');
  });

  it('a missing secret is a SecretNotFoundError naming the secret', async () => {
    sm.on(GetSecretValueCommand).rejects(new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret.", $metadata: {} }));
    const err = await secretsManagerReader(client)
      .getSecretString('policy-recommender/missing')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SecretNotFoundError);
    expect((err as Error).message).toBe('secret policy-recommender/missing was not found in AWS Secrets Manager');
  });

  it('access denied is a SecretAccessError carrying only the error code', async () => {
    sm.on(GetSecretValueCommand).rejects(
      new SecretsManagerServiceException({ name: 'AccessDeniedException', $fault: 'client', message: 'User arn:aws:sts::1:assumed-role/x is not authorized', $metadata: {} }),
    );
    const err = await secretsManagerReader(client)
      .getSecretString('policy-recommender/prod')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SecretAccessError);
    expect((err as Error).message).toBe('secret policy-recommender/prod could not be read from AWS Secrets Manager (AccessDeniedException)');
  });
});

describe('publisher factory with a kubeconfig secret', () => {
  const factory = (clock = manualClock(), secretCacheSeconds = 300) =>
    createPublisherFactory({ secrets: secretsManagerReader(client), clock, timeoutMs: 1_000, secretCacheSeconds, localTargets: true });

  it('never puts secret content into an error: unparsable kubeconfig, exec plugin, missing secret', async () => {
    const messages: string[] = [];
    sm.on(GetSecretValueCommand, { SecretId: 'broken' }).resolves({ SecretString: `apiVersion: v1\nusers:\n- name: x\n  user: {token: ${SECRET_TOKEN}\n  : [` });
    sm.on(GetSecretValueCommand, { SecretId: 'exec' }).resolves({
      SecretString: kubeconfigYaml({ server: 'https://10.0.0.1:6443', auth: { exec: { command: 'aws', args: ['--token', SECRET_TOKEN] } } }),
    });
    sm.on(GetSecretValueCommand, { SecretId: 'missing' }).rejects(new ResourceNotFoundException({ message: 'not found', $metadata: {} }));
    for (const id of ['broken', 'exec', 'missing'])
      messages.push(
        await factory()
          .open(cluster(id))
          .then(
            () => 'opened',
            (e: Error) => `${e.name}: ${e.message}`,
          ),
      );
    expect(messages).toEqual([
      'InvalidKubeconfigError: the kubeconfig in secret broken cannot be parsed',
      expect.stringMatching(/^UnsupportedKubeconfigError: the kubeconfig in secret exec uses an exec plugin/),
      'SecretNotFoundError: secret missing was not found in AWS Secrets Manager',
    ]);
    for (const m of messages) expect(m).not.toContain(SECRET_TOKEN);
  });

  it('reuses a kubeconfig read from Secrets Manager until the cache entry expires', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: kubeconfigYaml({ server: 'https://10.0.0.1:6443', auth: { token: SECRET_TOKEN } }) });
    const clock = manualClock();
    const f = factory(clock, 300);
    await f.open(cluster('prod'));
    clock.advance(299);
    await f.open(cluster('prod'));
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    clock.advance(2);
    await f.open(cluster('prod'));
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });
});
