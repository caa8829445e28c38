import { AppError } from '../errors';

/** A request the board refuses as malformed; `field` is the dotted path of the culprit. */
export class InvalidInputError extends AppError {
  override readonly name = 'InvalidInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** Two clusters reading the same objects would learn each other's traffic. */
export class FlowLogLocationConflictError extends AppError {
  override readonly name = 'FlowLogLocationConflictError';
  constructor(
    readonly cluster: string,
    readonly otherCluster: string,
  ) {
    super(`the flow-log bucket and prefix of cluster ${cluster} overlap those of cluster ${otherCluster}`);
  }
}

/** `purge` was asked for but this deployment has no way to reach clusters for it. */
export class PurgeUnavailableError extends AppError {
  override readonly name = 'PurgeUnavailableError';
  constructor(readonly cluster: string) {
    super(`purging cluster ${cluster} is not available in this deployment; unregister without purge and remove the policies in the cluster`);
  }
}
