import { TargetAccessError } from '../../app/push/errors';

/**
 * Secrets Manager failures. Messages name the secret id (a name or ARN, not secret) and the
 * service's error code; never the secret's value nor the service's message text.
 */
export class SecretNotFoundError extends TargetAccessError {
  override readonly name: string = 'SecretNotFoundError';
  constructor(readonly secretId: string) {
    super(`secret ${secretId} was not found in AWS Secrets Manager`);
  }
}

export class SecretAccessError extends TargetAccessError {
  override readonly name: string = 'SecretAccessError';
  constructor(
    readonly secretId: string,
    readonly code: string,
  ) {
    super(`secret ${secretId} could not be read from AWS Secrets Manager (${code})`);
  }
}
