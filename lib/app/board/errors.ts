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

/**
 * `namespaceSpec.tierName` may change only while every recommendation is a plain `Learn` one:
 * active, dismissed and enforced ones are decisions (and NetworkPolicies) tied to the old tier;
 * read back in the new one, enforced ones would fall back to Learn with their rules erased.
 */
export class TierChangeRefusedError extends AppError {
  override readonly name = 'TierChangeRefusedError';
  constructor(
    readonly cluster: string,
    readonly from: string,
    readonly to: string,
    /** Namespaces whose recommendation is active, dismissed or enforced, sorted. */
    readonly namespaces: readonly string[],
  ) {
    const shown = namespaces.slice(0, 5).join(', ') + (namespaces.length > 5 ? `, … (${namespaces.length} in all)` : '');
    super(
      `cannot move cluster ${cluster} from tier ${from} to ${to}: recommendations that are not plain Learn ones exist (${shown}). ` +
        'First make them Learn again (reactivate dismissed ones; dismiss, then reactivate active ones; delete the enforced NetworkPolicies), ' +
        'or unregister the cluster with ?purge=true and register it again',
    );
  }
}

/** The cluster is being unregistered: it cannot be registered again until its state is gone. */
export class ClusterDeletingError extends AppError {
  override readonly name = 'ClusterDeletingError';
  constructor(readonly cluster: string) {
    super(`cluster ${cluster} is being unregistered; register it again once GET /clusters/${cluster} answers 404`);
  }
}
