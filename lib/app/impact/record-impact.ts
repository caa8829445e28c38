import type { BatchAggregate, Recommendation } from '../../core/engine';
import { foldImpact } from '../../core/impact';
import type { Scope } from '../../core/scope';
import type { ImpactStore } from './impact-store';

/** Whose staged policy is in the cluster to be observed: Learn and Set, not yet enforced. */
export function isObserved(rec: Recommendation): boolean {
  return !rec.enforced && rec.enforcement === undefined && (rec.stagedAction === 'Learn' || rec.stagedAction === 'Set');
}

/**
 * The ClassifyOptions that make a processing run count staged verdicts (the tier they live in).
 */
export function impactOptions(scope: Scope): { impactTier: string } {
  return { impactTier: scope.spec.namespaceSpec.tierName };
}

/**
 * Writes the impact a batch adds, one small item per namespace whose staged policy left verdicts
 * in the current window; a batch without verdicts reads and writes nothing. `current` gives each
 * namespace's recommendation as this fold left it (a rule change opens a new window). Namespaces
 * whose item already names `batchId` counted it in an earlier attempt of the batch.
 */
export async function recordImpact(
  store: ImpactStore,
  cluster: string,
  scope: Scope,
  aggregate: BatchAggregate,
  current: (namespace: string) => Recommendation | undefined,
  batchId?: string,
): Promise<string[]> {
  const impact = aggregate.impact;
  if (impact === undefined || impact.size === 0) return [];
  const wanted = [...impact.keys()].filter((ns) => {
    const rec = current(ns);
    return rec !== undefined && isObserved(rec);
  });
  if (wanted.length === 0) return [];
  const stored = await store.listImpacts(cluster);
  const written: string[] = [];
  for (const namespace of wanted.sort()) {
    const rec = current(namespace)!;
    const previous = stored.get(namespace);
    if (batchId !== undefined && previous?.appliedBatch === batchId) continue;
    const next = foldImpact(previous?.value, rec.lastUpdated, scope.intervalSeconds, impact.get(namespace));
    if (next === undefined) continue;
    await store.putImpact(cluster, namespace, next, previous?.rev ?? null, batchId);
    written.push(namespace);
  }
  return written;
}
