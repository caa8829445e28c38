import type { Scope } from '../scope';
import type { RenderOptions } from './render-policy';

/** What of a scope changes how recommendations render. */
export function renderOptionsFor(scope: Scope): RenderOptions {
  const ns = scope.spec.namespaceSpec;
  return { tier: ns.tierName, maxRules: scope.spec.maxRules, intraNamespacePass: ns.intraNamespacePassThroughTraffic };
}
