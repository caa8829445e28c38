import { L_SCOPE, L_TIER } from '../../core/engine/annotations';

/** The Calico resources this adapter reads and writes (architecture.md §5). */
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

export function stagedPolicySelector(tier: string): string {
  return `${L_SCOPE}=namespace,${L_TIER}=${tier}`;
}

export const DOMAIN_SET_SELECTOR = `${L_SCOPE}=Domains`;
