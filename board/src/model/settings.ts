import { ApiError } from '../api/client';
import type { ScopeSpec } from '../api/types';

/** The Global settings form: its fields as text, the merge patch it sends, errors at the field. */

export interface SettingsForm {
  stabilizationPeriod: string;
  interval: string;
  recStatus: 'Enabled' | 'Disabled';
  selector: string;
  initialLookback: string;
  maxRules: string;
  policiesLearningCutOff: string;
  intraNamespacePassThroughTraffic: boolean;
}

export type SettingsField = keyof SettingsForm;

export function formFromScope(s: ScopeSpec): SettingsForm {
  return {
    stabilizationPeriod: s.stabilizationPeriod,
    interval: s.interval,
    recStatus: s.namespaceSpec.recStatus,
    selector: s.namespaceSpec.selector,
    initialLookback: s.initialLookback,
    maxRules: String(s.maxRules),
    policiesLearningCutOff: String(s.policiesLearningCutOff),
    intraNamespacePassThroughTraffic: s.namespaceSpec.intraNamespacePassThroughTraffic,
  };
}

const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

/** Checks that need no server (the server checks everything again). */
export function localErrors(f: SettingsForm): Partial<Record<SettingsField, string>> {
  const errors: Partial<Record<SettingsField, string>> = {};
  for (const k of ['stabilizationPeriod', 'interval', 'initialLookback'] as const) {
    if (!DURATION.test(f[k].trim())) errors[k] = 'must be a duration such as "30s", "2m30s" or "1h"';
  }
  for (const k of ['maxRules', 'policiesLearningCutOff'] as const) {
    if (!/^\d+$/.test(f[k].trim())) errors[k] = 'must be a whole number';
  }
  return errors;
}

/** Only what changed, as a JSON merge patch of the scope. */
export function toPatch(before: ScopeSpec, f: SettingsForm): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const ns: Record<string, unknown> = {};
  if (f.stabilizationPeriod.trim() !== before.stabilizationPeriod) patch.stabilizationPeriod = f.stabilizationPeriod.trim();
  if (f.interval.trim() !== before.interval) patch.interval = f.interval.trim();
  if (f.initialLookback.trim() !== before.initialLookback) patch.initialLookback = f.initialLookback.trim();
  if (Number(f.maxRules) !== before.maxRules) patch.maxRules = Number(f.maxRules);
  if (Number(f.policiesLearningCutOff) !== before.policiesLearningCutOff) patch.policiesLearningCutOff = Number(f.policiesLearningCutOff);
  if (f.recStatus !== before.namespaceSpec.recStatus) ns.recStatus = f.recStatus;
  if (f.selector !== before.namespaceSpec.selector) ns.selector = f.selector;
  if (f.intraNamespacePassThroughTraffic !== before.namespaceSpec.intraNamespacePassThroughTraffic) ns.intraNamespacePassThroughTraffic = f.intraNamespacePassThroughTraffic;
  if (Object.keys(ns).length) patch.namespaceSpec = ns;
  return patch;
}

const FIELD_OF_PATH: Record<string, SettingsField> = {
  interval: 'interval',
  stabilizationPeriod: 'stabilizationPeriod',
  initialLookback: 'initialLookback',
  maxRules: 'maxRules',
  policiesLearningCutOff: 'policiesLearningCutOff',
  'namespaceSpec.recStatus': 'recStatus',
  'namespaceSpec.selector': 'selector',
  'namespaceSpec.intraNamespacePassThroughTraffic': 'intraNamespacePassThroughTraffic',
};

/**
 * Which field a 400 is about. The scope's own check says `details.field` and prefixes its message
 * with the field (`namespaceSpec.selector: expected … at position 5`); request validation lists
 * `details[]` with a path.
 */
export function fieldErrors(err: unknown): { fields: Partial<Record<SettingsField, string>>; general?: string } {
  if (!(err instanceof ApiError)) return { fields: {}, general: err instanceof Error ? err.message : String(err) };
  const fields: Partial<Record<SettingsField, string>> = {};
  const details = err.details;
  if (details && typeof details === 'object' && !Array.isArray(details) && typeof (details as { field?: unknown }).field === 'string') {
    const path = (details as { field: string }).field;
    const field = FIELD_OF_PATH[path];
    if (field) fields[field] = err.message.startsWith(`${path}: `) ? err.message.slice(path.length + 2) : err.message;
  } else if (Array.isArray(details)) {
    for (const d of details as { path?: string; message?: string }[]) {
      const field = FIELD_OF_PATH[d.path ?? ''];
      if (field) fields[field] = d.message ?? err.message;
    }
  }
  return Object.keys(fields).length ? { fields } : { fields, general: err.message };
}
