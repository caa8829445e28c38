import { parseSelector, type Selector } from '../selector';
import { isDns1123Label } from '../names';
import { parseDuration } from './duration';
import { ScopeValidationError } from './errors';

/** The scope as users write it: shaped like `PolicyRecommendationScope.spec` (docs/engine.md). */
export interface ScopeSpec {
  interval: string;
  initialLookback: string;
  stabilizationPeriod: string;
  maxRules: number;
  policiesLearningCutOff: number;
  namespaceSpec: {
    recStatus: 'Enabled' | 'Disabled';
    selector: string;
    intraNamespacePassThroughTraffic: boolean;
    tierName: string;
  };
}

/** A validated scope with durations in seconds and the selector parsed. Immutable. */
export interface Scope {
  readonly spec: Readonly<ScopeSpec>;
  readonly intervalSeconds: number;
  readonly initialLookbackSeconds: number;
  readonly stabilizationSeconds: number;
  readonly selector: Selector;
}

export const DEFAULT_SELECTOR =
  '(!projectcalico.org/name starts with "tigera-" && !projectcalico.org/name starts with "calico-" && ' +
  '!projectcalico.org/name starts with "kube-" && !projectcalico.org/name starts with "openshift-")';

export function defaultScopeSpec(): ScopeSpec {
  return {
    interval: '150s',
    initialLookback: '24h',
    stabilizationPeriod: '10m',
    maxRules: 20,
    policiesLearningCutOff: 20,
    namespaceSpec: {
      recStatus: 'Disabled',
      selector: DEFAULT_SELECTOR,
      intraNamespacePassThroughTraffic: false,
      tierName: 'namespace-isolation',
    },
  };
}

const TOP_FIELDS = new Set(['interval', 'initialLookback', 'stabilizationPeriod', 'maxRules', 'policiesLearningCutOff', 'namespaceSpec']);
const NS_FIELDS = new Set(['recStatus', 'selector', 'intraNamespacePassThroughTraffic', 'tierName']);
const MIN_INTERVAL_SECONDS = 30;

/**
 * Tiers Calico creates itself, in current and earlier releases (Calico Enterprise adds
 * `allow-tigera`). Their order is fixed by Calico, so our Tier manifest (order 10000) would be
 * refused or would reorder the cluster's policy; a scope may not name one.
 */
export const BUILT_IN_TIERS: ReadonlySet<string> = new Set(['default', 'kube-admin', 'kube-baseline', 'adminnetworkpolicy', 'baselineadminnetworkpolicy', 'allow-tigera']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function rejectUnknown(obj: Record<string, unknown>, allowed: Set<string>, path: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.has(key)) throw new ScopeValidationError(path + key, 'unknown field');
  }
}

function duration(value: unknown, field: string): number {
  const seconds = typeof value === 'string' ? parseDuration(value) : undefined;
  if (seconds === undefined) throw new ScopeValidationError(field, `must be a duration such as "30s", "2m30s" or "1h", got ${JSON.stringify(value)}`);
  return seconds;
}

function integer(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ScopeValidationError(field, `must be an integer from ${min} to ${max}`);
  }
  return value;
}

/**
 * Validates a scope spec given partially (missing fields take the defaults) and returns the
 * resolved scope. Unknown fields, wrong types and cross-field violations throw ScopeValidationError.
 */
export function resolveScope(input: unknown): Scope {
  if (!isObject(input)) throw new ScopeValidationError('spec', 'must be an object');
  rejectUnknown(input, TOP_FIELDS, '');
  const defaults = defaultScopeSpec();
  const nsInput = input.namespaceSpec ?? {};
  if (!isObject(nsInput)) throw new ScopeValidationError('namespaceSpec', 'must be an object');
  rejectUnknown(nsInput, NS_FIELDS, 'namespaceSpec.');

  const spec: ScopeSpec = {
    interval: (input.interval ?? defaults.interval) as string,
    initialLookback: (input.initialLookback ?? defaults.initialLookback) as string,
    stabilizationPeriod: (input.stabilizationPeriod ?? defaults.stabilizationPeriod) as string,
    maxRules: integer(input.maxRules ?? defaults.maxRules, 'maxRules', 1, 1000),
    policiesLearningCutOff: integer(input.policiesLearningCutOff ?? defaults.policiesLearningCutOff, 'policiesLearningCutOff', 1, 1_000_000),
    namespaceSpec: {
      recStatus: recStatus(nsInput.recStatus),
      selector: (nsInput.selector ?? defaults.namespaceSpec.selector) as string,
      intraNamespacePassThroughTraffic: (nsInput.intraNamespacePassThroughTraffic ?? false) as boolean,
      tierName: (nsInput.tierName ?? defaults.namespaceSpec.tierName) as string,
    },
  };

  const intervalSeconds = duration(spec.interval, 'interval');
  if (intervalSeconds < MIN_INTERVAL_SECONDS) throw new ScopeValidationError('interval', 'must be at least 30s');
  const initialLookbackSeconds = duration(spec.initialLookback, 'initialLookback');
  if (initialLookbackSeconds < intervalSeconds) throw new ScopeValidationError('initialLookback', 'must be at least the interval');
  const stabilizationSeconds = duration(spec.stabilizationPeriod, 'stabilizationPeriod');
  if (stabilizationSeconds < intervalSeconds) throw new ScopeValidationError('stabilizationPeriod', 'must be at least the interval');

  const ns = spec.namespaceSpec;
  if (typeof ns.intraNamespacePassThroughTraffic !== 'boolean') {
    throw new ScopeValidationError('namespaceSpec.intraNamespacePassThroughTraffic', 'must be true or false');
  }
  if (typeof ns.tierName !== 'string' || !isDns1123Label(ns.tierName)) {
    throw new ScopeValidationError('namespaceSpec.tierName', 'must be a DNS-1123 label (lowercase letters, digits and "-", at most 63 characters)');
  }
  if (BUILT_IN_TIERS.has(ns.tierName)) {
    throw new ScopeValidationError('namespaceSpec.tierName', `"${ns.tierName}" is one of Calico's built-in tiers; choose a tier of your own`);
  }
  if (typeof ns.selector !== 'string') throw new ScopeValidationError('namespaceSpec.selector', 'must be a string');
  let selector: Selector;
  try {
    selector = parseSelector(ns.selector);
  } catch (err) {
    throw new ScopeValidationError('namespaceSpec.selector', (err as Error).message);
  }
  return Object.freeze({ spec, intervalSeconds, initialLookbackSeconds, stabilizationSeconds, selector });
}

function recStatus(value: unknown): 'Enabled' | 'Disabled' {
  if (value === undefined || value === null || value === '' || value === 'Disabled') return 'Disabled';
  if (value === 'Enabled') return 'Enabled';
  throw new ScopeValidationError('namespaceSpec.recStatus', 'must be "Enabled" or "Disabled"');
}

/** Accepts a bare spec or a whole `PolicyRecommendationScope` resource (as in a YAML file). */
export function scopeFromDocument(doc: unknown): Scope {
  if (isObject(doc) && ('kind' in doc || 'apiVersion' in doc)) {
    if (doc.kind !== 'PolicyRecommendationScope') {
      throw new ScopeValidationError('kind', `expected PolicyRecommendationScope, got ${JSON.stringify(doc.kind)}`);
    }
    return resolveScope(doc.spec ?? {});
  }
  return resolveScope(doc ?? {});
}
