import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { SecretAccessError } from './errors';

/** RFC 7518 §3.2: an HS256 key shorter than the hash output weakens the MAC. */
export const MIN_HS256_BYTES = 32;

/**
 * The API's HS256 key, read from Secrets Manager at run time and cached per container for
 * `maxAgeSeconds`, so the key never sits in the CloudFormation template or the Lambda environment
 * (which holds only the secret's name). A rotated secret takes effect when the cache entry expires.
 */
export function hs256KeyFromSecretsManager(client: SecretsManagerClient, secretId: string, maxAgeSeconds: number): () => Promise<Uint8Array> {
  const provider = new SecretsProvider({ awsSdkV3Client: client });
  return async () => {
    let value: string | Uint8Array | undefined;
    try {
      value = await provider.get(secretId, { maxAge: maxAgeSeconds });
    } catch {
      throw new SecretAccessError(secretId, 'GetSecretValue failed');
    }
    const key = typeof value === 'string' ? new TextEncoder().encode(value) : value;
    if (!key || key.length < MIN_HS256_BYTES) throw new SecretAccessError(secretId, `the HS256 key must be at least ${MIN_HS256_BYTES} bytes`);
    return key;
  };
}
