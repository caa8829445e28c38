export * from './model';
export { classify, type ClassifyOptions, type Observation } from './classify';
export { addRecord, emptyAggregate, mergeAggregates, type BatchAggregate, type NamespaceDelta, type RuleDelta } from './aggregate';
export { foldBatch, type FoldInput, type FoldResult } from './fold';
export * from './lifecycle';
export { renderOptionsFor } from './render-options';
export { renderRecommendation, renderTier, policyName, domainSetName, TIER_ORDER, type RenderOptions, type RenderedRecommendation } from './render-policy';
export type * from './manifest-types';
export { rfc3339, parseRfc3339, type Clock } from './time';
