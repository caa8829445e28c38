import { domainSetName, isLearning, policyName, type Recommendation } from '../../core/engine';
import type { Scope } from '../../core/scope';
import { ConcurrentUpdateError } from '../errors';
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
}

export type RecMap = Map<string, StoredRecommendation>;

export const tierOf = (run: ClusterRun) => run.scope.spec.namespaceSpec.tierName;

/**
 * MaxRulesExceeded (engine.md §4.2): a Learn recommendation keeps its last published version in
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

export async function deleteObject(run: ClusterRun, ref: ObjectRef): Promise<void> {
  const key = objectKey(ref);
  if (run.deletedObjects.has(key)) return;
  if (await run.publisher.delete(ref)) run.counts.deleted++;
  run.deletedObjects.add(key);
}

/**
 * A conditional write of a recommendation changed by read-back. Losing against a concurrent
 * writer (a board action, a processing run) is not an error: the next push sees the new state.
 */
export async function writeRecommendation(run: ClusterRun, recs: RecMap, stored: StoredRecommendation, next: Recommendation): Promise<boolean> {
  try {
    const version = await run.store.putRecommendation(run.clusterId, next, stored.version);
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
