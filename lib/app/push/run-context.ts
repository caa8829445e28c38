import { domainSetName, isLearning, policyName, type Recommendation } from '../../core/engine';
import type { Scope } from '../../core/scope';
import { ConcurrentUpdateError } from '../errors';
import { NamespaceRejectedError } from './errors';
import type { RecommendationStore, StoredRecommendation } from '../store';
import type { ObjectRef, PolicyPublisher, PushLogger } from './ports';

/** What one cluster's push works with; `counts` become the PushSummary's. */
export interface ClusterRun {
  readonly clusterId: string;
  readonly store: RecommendationStore;
  readonly publisher: PolicyPublisher;
  readonly scope: Scope;
  /** RFC 3339: the time written into recommendations changed by read-back. */
  readonly now: string;
  readonly log: PushLogger;
  readonly counts: { applied: number; deleted: number; adopted: number };
  /** Objects deleted during this run, so they are not deleted twice. */
  readonly deletedObjects: Set<string>;
  /**
   * Our objects in the target (`objectKey`s of what carries our managed-by label), filled in by
   * read-back; null while unknown. Nothing outside it is ever deleted.
   */
  owned: Set<string> | null;
  /** Namespaces whose objects the target refused; the others go on. */
  readonly rejected: NamespaceRejectedError[];
}

export type RecMap = Map<string, StoredRecommendation>;

export const tierOf = (run: ClusterRun) => run.scope.spec.namespaceSpec.tierName;

/**
 * MaxRulesExceeded (docs/engine.md): a Learn recommendation keeps its last published version in
 * the cluster. One never published is published once as it is, so it can be seen and acted on.
 */
export function isFrozen(stored: StoredRecommendation): boolean {
  return isLearning(stored.value) && stored.value.warnings.includes('MaxRulesExceeded') && stored.publishedVersion !== null;
}

export const objectKey = (ref: ObjectRef) => `${ref.kind}/${ref.namespace}/${ref.name}`;

/** The objects a namespace's recommendation may have in the cluster. */
export function objectsOf(run: ClusterRun, namespace: string): ObjectRef[] {
  return [
    { kind: 'StagedNetworkPolicy', namespace, name: policyName(tierOf(run), namespace) },
    { kind: 'NetworkSet', namespace, name: domainSetName(namespace) },
  ];
}

/** Whether the target holds this object of ours (true while unknown). */
export function holds(run: ClusterRun, ref: ObjectRef): boolean {
  return run.owned === null || run.owned.has(objectKey(ref));
}

/**
 * Deletes one of our objects. An object without our managed-by label (e.g. one Calico's own
 * recommender made under the same name) is never touched. A refusal confined to the namespace
 * (a directory file with YAML errors) is recorded and the run goes on.
 */
export async function deleteObject(run: ClusterRun, ref: ObjectRef): Promise<void> {
  const key = objectKey(ref);
  if (run.deletedObjects.has(key) || !holds(run, ref)) return;
  try {
    if (await run.publisher.delete(ref)) run.counts.deleted++;
  } catch (err) {
    if (!(err instanceof NamespaceRejectedError)) throw err;
    reject(run, err);
    return;
  }
  run.deletedObjects.add(key);
  run.owned?.delete(key);
}

export function reject(run: ClusterRun, err: NamespaceRejectedError): void {
  run.log.warn('objects rejected by the target', { cluster: run.clusterId, namespace: err.namespace, error: err.message });
  run.rejected.push(err);
}

/**
 * A conditional write of a recommendation changed by read-back. Losing against a concurrent
 * writer (a board action, a processing run) is not an error: the next push sees the new state.
 */
export async function writeRecommendation(run: ClusterRun, recs: RecMap, stored: StoredRecommendation, next: Recommendation): Promise<boolean> {
  try {
    const version = await run.store.putRecommendation(run.clusterId, next, stored);
    recs.set(next.namespace, { ...stored, value: next, version });
    return true;
  } catch (err) {
    if (!(err instanceof ConcurrentUpdateError)) throw err;
    run.log.info('recommendation changed concurrently; left for the next push', { cluster: run.clusterId, namespace: next.namespace });
    return false;
  }
}

/** Deletes the recommendation (conditionally) and then its objects in the cluster. */
export async function deleteRecommendation(run: ClusterRun, recs: RecMap, stored: StoredRecommendation, why: string): Promise<boolean> {
  const namespace = stored.value.namespace;
  try {
    await run.store.deleteRecommendation(run.clusterId, namespace, stored.version);
  } catch (err) {
    if (!(err instanceof ConcurrentUpdateError)) throw err;
    run.log.info('recommendation changed concurrently; deletion left for the next push', { cluster: run.clusterId, namespace });
    return false;
  }
  recs.delete(namespace);
  run.log.info('recommendation deleted', { cluster: run.clusterId, namespace, reason: why });
  for (const ref of objectsOf(run, namespace)) await deleteObject(run, ref);
  return true;
}
