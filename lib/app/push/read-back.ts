import { adoptClusterStagedAction, applyEnforcement, forgetNamespace, isLearning, parseRfc3339, policyName, type StagedAction } from '../../core/engine';
import { NAME_LABEL } from '../../core/engine/annotations';
import type { NamespaceInfo, StoredRecommendation } from '../store';
import type { ObservedObject, ObservedStagedPolicy } from './ports';
import { deleteRecommendation, objectKey, tierOf, writeRecommendation, type ClusterRun, type RecMap } from './run-context';

export interface ReadBackResult {
  /** Namespaces that no longer exist in the cluster; nothing is published there. */
  readonly gone: ReadonlySet<string>;
  /** Our objects as the target holds them; null when it cannot tell. */
  readonly policies: readonly ObservedStagedPolicy[] | null;
  readonly domainSets: readonly ObservedObject[] | null;
}

/**
 * The cluster's truth flows back (docs/engine.md): namespaces and labels, deleted namespaces,
 * namespaces that left the scope, enforced NetworkPolicies, stagedActions changed in the
 * cluster. Everything is read before anything is written, so a cluster that fails halfway
 * through the reads leaves the store untouched.
 */
export async function readBack(run: ClusterRun): Promise<ReadBackResult> {
  const tier = tierOf(run);
  const namespaces = await run.publisher.listNamespaces();
  const enforced = await run.publisher.listEnforcedNamespaces(tier);
  // Ours in every tier: after a tier change the previous tier's objects are cleaned up by publish.
  const policies = await run.publisher.listStagedPolicies();
  const domainSets = await run.publisher.listDomainSets();
  const known = await run.store.listNamespaces(run.clusterId);
  const recs: RecMap = new Map((await run.store.listRecommendations(run.clusterId, { evidence: false })).map((r) => [r.value.namespace, r]));
  run.owned =
    policies && domainSets
      ? new Set([
          ...policies.map((p) => objectKey({ kind: 'StagedNetworkPolicy', namespace: p.namespace, name: p.name })),
          ...domainSets.map((d) => objectKey({ kind: 'NetworkSet', namespace: d.namespace, name: d.name })),
        ])
      : null;

  // A real cluster always has namespaces (default, kube-system); an empty answer is not trusted
  // with deleting every recommendation.
  const reported = namespaces !== null && namespaces.length > 0 ? namespaces : null;
  const gone = reported ? goneNamespaces(reported, known, recs) : new Set<string>();
  // Namespaces known only through a recommendation get their tombstone too.
  if (reported) await run.store.replaceNamespaces(run.clusterId, parseRfc3339(run.now), reported, gone);

  for (const namespace of gone) {
    const stored = recs.get(namespace);
    if (stored) await deleteRecommendation(run, recs, stored, 'namespace deleted from the cluster');
  }
  for (const namespace of gone) await forgetInOthers(run, recs, namespace);
  await dropOutOfScope(run, recs, reported ?? known);
  if (enforced) await adoptEnforcement(run, recs, enforced);
  if (policies) await adoptStagedActions(run, recs, policies);
  return { gone, policies, domainSets };
}

/** Known before (or holding a recommendation) and absent now. */
function goneNamespaces(reported: readonly NamespaceInfo[], known: readonly NamespaceInfo[], recs: RecMap): Set<string> {
  const present = new Set(reported.map((n) => n.name));
  const candidates = [...known.map((n) => n.name), ...recs.keys()];
  return new Set(candidates.filter((n) => !present.has(n)));
}

/** Namespace rules naming a deleted namespace are removed from the other Learn recommendations. */
async function forgetInOthers(run: ClusterRun, recs: RecMap, namespace: string): Promise<void> {
  for (const next of forgetNamespace(
    [...recs.values()].map((r) => r.value),
    namespace,
    run.now,
  )) {
    const stored = recs.get(next.namespace);
    if (stored && (await writeRecommendation(run, recs, stored, next))) run.counts.adopted++;
  }
}

/**
 * A Learn recommendation whose namespace no longer matches the scope selector is deleted;
 * active, dismissed and enforced ones stay. With recommendations disabled nothing is deleted
 * (docs/engine.md). Labels are the cluster's, or the last known ones for a directory target.
 */
async function dropOutOfScope(run: ClusterRun, recs: RecMap, namespaces: readonly NamespaceInfo[]): Promise<void> {
  if (run.scope.spec.namespaceSpec.recStatus !== 'Enabled') return;
  const labels = new Map(namespaces.map((n) => [n.name, n.labels]));
  for (const stored of [...recs.values()]) {
    const namespace = stored.value.namespace;
    if (!isLearning(stored.value)) continue;
    if (run.scope.selector.matches({ ...(labels.get(namespace) ?? {}), [NAME_LABEL]: namespace })) continue;
    await deleteRecommendation(run, recs, stored, 'namespace left the scope selector');
  }
}

/** A NetworkPolicy in the tier makes the recommendation enforced; its deletion reruns learning. */
async function adoptEnforcement(run: ClusterRun, recs: RecMap, enforced: ReadonlySet<string>): Promise<void> {
  for (const stored of [...recs.values()]) {
    const { changed, rec } = applyEnforcement(stored.value, enforced.has(stored.value.namespace), run.now);
    if (changed && (await writeRecommendation(run, recs, stored, rec))) run.counts.adopted++;
  }
}

/** The stagedAction we last wrote into the cluster (recorded with every publish). */
function lastWritten(stored: StoredRecommendation): StagedAction | undefined {
  return stored.published?.stagedAction;
}

/**
 * Adoption by what we last wrote, not by version (processing bumps the version on every
 * evidence-only or status change). A cluster stagedAction that differs from the one we wrote was
 * changed there (Calico UI, kubectl, a hand-edited file) and is adopted — unless the board changed
 * it too since (stored differs from what we wrote): then the board wins and publish applies its
 * value over the cluster's.
 */
async function adoptStagedActions(run: ClusterRun, recs: RecMap, policies: readonly ObservedStagedPolicy[]): Promise<void> {
  for (const observed of policies) {
    const stored = recs.get(observed.namespace);
    if (!stored || observed.stagedAction === undefined) continue;
    if (observed.name !== policyName(tierOf(run), observed.namespace)) continue;
    const written = lastWritten(stored);
    if (written === undefined || observed.stagedAction === written || stored.value.stagedAction !== written) continue;
    const { changed, rec } = adoptClusterStagedAction(stored.value, observed.stagedAction);
    if (changed && (await writeRecommendation(run, recs, stored, rec))) run.counts.adopted++;
  }
}
