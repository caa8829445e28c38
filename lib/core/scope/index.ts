export { parseDuration, formatDuration } from './duration';
export { ScopeValidationError } from './errors';
export { BUILT_IN_TIERS, DEFAULT_SELECTOR, defaultScopeSpec, resolveScope, scopeFromDocument, type Scope, type ScopeSpec } from './scope';
