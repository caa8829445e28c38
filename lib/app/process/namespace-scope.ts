import { labelKeys } from '../../core/selector';
import type { Scope } from '../../core/scope';
import type { StateStore } from '../store';

const NAME_LABEL = 'projectcalico.org/name';

/**
 * Which namespaces' flows may be learned (docs/engine.md), from what the push last read back:
 * - deleted from the cluster (tombstone): never, so late flows do not bring them back;
 * - labels known: the scope selector against them plus the implicit name label;
 * - labels unknown: if the cluster never reported namespaces (a directory target, or before the
 *   first push) the selector sees the name only; if it did, the namespace is newer than the last
 *   read-back, and a selector that reads other labels cannot decide yet, so it is learned and the
 *   next push removes it if it turns out to be out of scope (records cannot wait: each object is
 *   read once).
 */
export async function namespaceScope(store: StateStore, cluster: string, scope: Scope): Promise<{ inScope: (ns: string) => boolean; deleted: ReadonlySet<string> }> {
  const known = new Map((await store.listNamespaces(cluster)).map((n) => [n.name, n.labels]));
  const deleted = new Set(await store.listDeletedNamespaces(cluster));
  const readsOtherLabels = [...labelKeys(scope.selector.ast)].some((k) => k !== NAME_LABEL);
  const inScope = (ns: string) => {
    if (deleted.has(ns)) return false;
    const labels = known.get(ns);
    if (labels === undefined && known.size > 0 && readsOtherLabels) return true;
    return scope.selector.matches({ ...(labels ?? {}), [NAME_LABEL]: ns });
  };
  return { inScope, deleted };
}
