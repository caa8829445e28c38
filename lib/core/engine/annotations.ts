/** Label and annotation keys Calico's own recommendation tooling reads. */
export const PREFIX = 'policyrecommendation.tigera.io';
export const A_LAST_UPDATED = `${PREFIX}/lastUpdated`;
export const A_SCOPE = `${PREFIX}/scope`;
export const A_NAME = `${PREFIX}/name`;
export const A_NAMESPACE = `${PREFIX}/namespace`;
export const A_WARNINGS = `${PREFIX}/warnings`;
export const A_STATUS = `${PREFIX}/status`;
export const L_SCOPE = `${PREFIX}/scope`;
export const L_TIER = 'projectcalico.org/tier';
export const L_STAGED_ACTION = 'projectcalico.org/spec.stagedAction';
export const NAME_LABEL = 'projectcalico.org/name';
export const KIND_LABEL = 'projectcalico.org/kind';
export const NAMESPACE_LABEL = 'projectcalico.org/namespace';

/**
 * Ours alone: Calico's labels above are also written by Calico Enterprise's own recommender, so
 * every listing that leads to a deletion or an adoption requires this one too.
 */
export const L_MANAGED_BY = 'app.kubernetes.io/managed-by';
export const MANAGED_BY = 'policy-recommender';
