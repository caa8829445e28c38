import { isLearning } from '../../core/engine';
import { resolveScope, type Scope, type ScopeSpec } from '../../core/scope';
import { ClusterNotFoundError } from '../errors';
import { TierChangeRefusedError } from './errors';
import { applyMergePatch } from './merge-patch';
import type { BoardDeps } from './ports';

export async function requireCluster({ store }: BoardDeps, cluster: string): Promise<void> {
  if (!(await store.getCluster(cluster))) throw new ClusterNotFoundError(cluster);
}

/** The cluster's scope resolved (defaults filled in); a cluster without a stored scope has the defaults. */
export async function loadScope({ store }: BoardDeps, cluster: string): Promise<{ scope: Scope; version: number | null }> {
  const stored = await store.getScope(cluster);
  return { scope: resolveScope(stored?.value ?? {}), version: stored?.version ?? null };
}

export async function getScope(deps: BoardDeps, cluster: string): Promise<ScopeSpec> {
  await requireCluster(deps, cluster);
  return (await loadScope(deps, cluster)).scope.spec;
}

/**
 * Applies a JSON merge patch to the stored spec and validates the result whole before writing it,
 * conditionally on the version read, so a concurrent patch is refused rather than merged blindly.
 * A `null` removes the field, which then takes its default.
 */
export async function patchScope(deps: BoardDeps, cluster: string, patch: Record<string, unknown>): Promise<ScopeSpec> {
  await requireCluster(deps, cluster);
  const stored = await deps.store.getScope(cluster);
  const next = resolveScope(applyMergePatch(stored?.value ?? {}, patch));
  await checkTierChange(deps, cluster, resolveScope(stored?.value ?? {}).spec.namespaceSpec.tierName, next.spec.namespaceSpec.tierName);
  await deps.store.putScope(cluster, next.spec, stored?.version ?? null);
  return next.spec;
}

/**
 * A new tier is refused while any recommendation is active, dismissed or enforced: read-back
 * looks for enforcing NetworkPolicies in the current tier only, so each enforced one would return
 * to Learn with its rules erased, and the decisions would be re-staged under the new tier. With
 * only Learn recommendations the next push moves them (and removes our old-tier objects).
 * Best effort, like the flow-log overlap check: an action racing this patch is not seen.
 */
async function checkTierChange({ store }: BoardDeps, cluster: string, from: string, to: string): Promise<void> {
  if (from === to) return;
  const decided = (await store.listRecommendations(cluster, { evidence: false }))
    .filter((r) => !isLearning(r.value))
    .map((r) => r.value.namespace)
    .sort();
  if (decided.length > 0) throw new TierChangeRefusedError(cluster, from, to, decided);
}
