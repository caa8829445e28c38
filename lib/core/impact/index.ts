export { addVerdict, mergeImpact, exampleKey, MAX_IMPACT_EXAMPLES, type ImpactAggregate, type ImpactDelta, type ImpactExample } from './impact-aggregate';
export { currentImpact, foldImpact, impactView, readinessOf, windowStart, type Impact, type ImpactView, type Readiness } from './impact-window';
export { recommendationNamespace, stagedVerdict, type StagedVerdict } from './staged-verdict';
export { peerLabel } from './peer-label';
export { requestEnforcement, WouldDenyError } from './enforce';
