import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { hs256KeyFromSecretsManager } from '../../lib/adapters/secrets/hs256-key';
import { ConfigError } from '../../lib/config/env';
import { loadAuthConfig } from '../../lib/config/auth';
import { AuthUnavailableError } from '../../lib/http/errors';
import { createVerifier } from '../../lib/http/auth/verifier';
import { ADMIN, randomSecret, signHs256 } from '../support/jwt';

const NOW = 1_788_264_000;
const sm = mockClient(SecretsManagerClient);
// The class stays mocked for this file only: later files in the same worker (isolate: false) use the real client.
afterAll(() => {
  sm.restore();
});
afterEach(() => sm.reset());

/** A deployment names the HS256 secret; the key itself is read at run time, never from the environment. */
describe('HS256 key from Secrets Manager', () => {
  const client = new SecretsManagerClient({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'x' } });

  it('verifies tokens with the key read by name, once per cache period', async () => {
    const secret = randomSecret();
    sm.on(GetSecretValueCommand, { SecretId: 'policy-recommender/jwt' }).resolves({ SecretString: secret });
    const config = loadAuthConfig({ AUTH_HS256_SECRET_NAME: 'policy-recommender/jwt' });
    expect(config.hs256Secret).toBeUndefined();
    const verifier = createVerifier(config, { now: () => new Date(NOW * 1000), hs256Key: hs256KeyFromSecretsManager(client, config.hs256SecretName!, 300) })!;
    const token = await signHs256(secret, { now: NOW, groups: [ADMIN] });
    expect((await verifier.verify(token)).roles).toContain('admin');
    await verifier.verify(token);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('a short or unreadable key refuses requests as unavailable, without naming the key', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: 'short' });
    const config = loadAuthConfig({ AUTH_HS256_SECRET_NAME: 'policy-recommender/short' });
    const verifier = createVerifier(config, { now: () => new Date(NOW * 1000), hs256Key: hs256KeyFromSecretsManager(client, 'policy-recommender/short', 300) })!;
    const err = await verifier.verify(await signHs256(randomSecret(), { now: NOW, groups: [ADMIN] })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthUnavailableError);
  });

  it('refuses the name and the value together', () => {
    expect(() => loadAuthConfig({ AUTH_HS256_SECRET_NAME: 'a', AUTH_HS256_SECRET: randomSecret() })).toThrow(ConfigError);
  });
});
