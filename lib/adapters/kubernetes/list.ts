import { L_MANAGED_BY, L_STAGED_ACTION, L_TIER, MANAGED_BY } from '../../core/engine/annotations';
import type { StagedAction } from '../../core/engine';

/** The parts of a listed object this adapter reads; everything else is ignored. */
export interface RawObject {
  readonly metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
  readonly spec?: { tier?: unknown; stagedAction?: unknown };
}

interface RawList {
  readonly items?: readonly RawObject[];
  /** `continue` in raw JSON, `_continue` once deserialized by a typed client. */
  readonly metadata?: { continue?: string; _continue?: string };
}

/** Reads every page of a list (`limit` + `continue`). */
export async function listAll(fetchPage: (continueToken: string | undefined) => Promise<unknown>): Promise<RawObject[]> {
  const items: RawObject[] = [];
  let token: string | undefined;
  do {
    const page = ((await fetchPage(token)) ?? {}) as RawList;
    items.push(...(page.items ?? []));
    token = page.metadata?.continue || page.metadata?._continue || undefined;
  } while (token !== undefined);
  return items;
}

const STAGED_ACTIONS: ReadonlySet<string> = new Set<StagedAction>(['Learn', 'Set', 'Ignore']);

/** spec.stagedAction, or the label when the spec lacks it; undefined when neither is valid. */
export function stagedActionOf(obj: RawObject): StagedAction | undefined {
  const value = obj.spec?.stagedAction ?? obj.metadata?.labels?.[L_STAGED_ACTION];
  return typeof value === 'string' && STAGED_ACTIONS.has(value) ? (value as StagedAction) : undefined;
}

/** A NetworkPolicy belongs to `tier` by its spec or by the label Calico's API server sets. */
export function inTier(obj: RawObject, tier: string): boolean {
  return obj.spec?.tier === tier || obj.metadata?.labels?.[L_TIER] === tier;
}

/** The tier an object names (spec first, then the label); undefined when neither is a string. */
export function tierOfObject(obj: RawObject): string | undefined {
  const value = obj.spec?.tier ?? obj.metadata?.labels?.[L_TIER];
  return typeof value === 'string' ? value : undefined;
}

/** Carries our managed-by label: the only proof an object is ours (Calico's labels are shared). */
export function isManaged(obj: RawObject): boolean {
  return obj.metadata?.labels?.[L_MANAGED_BY] === MANAGED_BY;
}
