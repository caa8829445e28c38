import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { AwsConfig } from '../../config/aws';
import { SecretAccessError, SecretNotFoundError } from './errors';

/** Reads a secret's string by name or ARN. */
export interface SecretReader {
  getSecretString(secretId: string): Promise<string>;
}

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Built once per container; locally SECRETS_MANAGER_ENDPOINT points at an emulator if any. */
export function createSecretsManagerClient(config: AwsConfig): SecretsManagerClient {
  return new SecretsManagerClient({
    region: config.region,
    ...(config.secretsEndpoint ? { endpoint: config.secretsEndpoint, credentials: LOCAL_CREDENTIALS } : {}),
  });
}

function errorName(err: unknown): string {
  const name = typeof err === 'object' && err !== null ? (err as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name !== 'Error' ? name : 'unknown error';
}

export function secretsManagerReader(client: SecretsManagerClient): SecretReader {
  return {
    async getSecretString(secretId) {
      let out;
      try {
        out = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
      } catch (err) {
        const name = errorName(err);
        if (name === 'ResourceNotFoundException') throw new SecretNotFoundError(secretId);
        throw new SecretAccessError(secretId, name);
      }
      if (typeof out.SecretString === 'string') return out.SecretString;
      // A kubeconfig stored as a binary secret is still text.
      if (out.SecretBinary instanceof Uint8Array) return Buffer.from(out.SecretBinary).toString('utf8');
      throw new SecretAccessError(secretId, 'empty secret');
    },
  };
}
