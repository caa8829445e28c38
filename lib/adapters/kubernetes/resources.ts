import { L_MANAGED_BY, L_SCOPE, MANAGED_BY } from '../../core/engine/annotations';

/** The Calico resources this adapter reads and writes (docs/architecture.md). */
export const CALICO_GROUP = 'projectcalico.org';
export const CALICO_VERSION = 'v3';
export const CALICO_API_VERSION = `${CALICO_GROUP}/${CALICO_VERSION}`;

export const PLURALS = {
  Tier: 'tiers',
  StagedNetworkPolicy: 'stagednetworkpolicies',
  NetworkSet: 'networksets',
  NetworkPolicy: 'networkpolicies',
} as const;

/** Server-side apply owner; the same name on every write so our fields stay ours. */
export const FIELD_MANAGER = 'policy-recommender';

/** Page size of list calls; big clusters are read in several pages. */
export const PAGE_SIZE = 500;

/**
 * Our objects carry Calico's recommendation labels and our managed-by label; Calico Enterprise's
 * own recommender writes the former too, so listings that may lead to a deletion or an adoption
 * always require the latter. Staged policies are listed in every tier: after a tier change the
 * old tier's objects are still ours to clean up.
 */
const MANAGED = `${L_MANAGED_BY}=${MANAGED_BY}`;
export const STAGED_POLICY_SELECTOR = `${MANAGED},${L_SCOPE}=namespace`;
export const DOMAIN_SET_SELECTOR = `${MANAGED},${L_SCOPE}=Domains`;
