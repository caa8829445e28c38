import { applyEnforcement, renderNetworkPolicy, renderRecommendation, type RenderedRecommendation, type RenderOptions } from '../../core/engine';
import type { StoredRecommendation } from '../store';
import { NamespaceRejectedError } from './errors';
import type { ObjectRef } from './ports';
import { deleteObject, objectKey, objectsOf, reject, writeRecommendation, type ClusterRun } from './run-context';

/** A recommendation whose enforcement this push carries out. */
export interface PendingEnforcement {
  readonly stored: StoredRecommendation;
  readonly rendered: RenderedRecommendation;
}

/**
 * Publish's view of a recommendation the user enforced (docs/impact-and-enforce.md). Returns
 * false for every other recommendation (publish handles it as before). An enforced one keeps its
 * domain set; its staged policy is not wanted. One still to enforce keeps both until its
 * NetworkPolicy is in place, and is queued in `pending`.
 */
export function planEnforcement(run: ClusterRun, stored: StoredRecommendation, renderOptions: RenderOptions, wanted: Set<string>, pending: PendingEnforcement[]): boolean {
  if (stored.value.enforcement === undefined) return false;
  const [policyRef, domainSetRef] = objectsOf(run, stored.value.namespace) as [ObjectRef, ObjectRef];
  const rendered = renderRecommendation(stored.value, renderOptions);
  if (rendered.domainSet) wanted.add(objectKey(domainSetRef));
  if (stored.value.enforced) return true;
  wanted.add(objectKey(policyRef));
  pending.push({ stored, rendered });
  return true;
}

/**
 * In this order, per namespace: the domain set (the policy may refer to it), the NetworkPolicy in
 * the tier, then the staged policy is deleted; finally the recommendation is recorded enforced,
 * as read-back would find it. A namespace the target refuses keeps its staged policy.
 */
export async function carryOutEnforcements(run: ClusterRun, pending: readonly PendingEnforcement[], shouldStop: () => boolean): Promise<boolean> {
  for (const { stored, rendered } of pending) {
    if (shouldStop()) return true;
    const namespace = stored.value.namespace;
    try {
      if (rendered.domainSet) {
        await run.publisher.apply(rendered.domainSet);
        run.counts.applied++;
      }
      await run.publisher.apply(renderNetworkPolicy(rendered.policy));
      run.counts.applied++;
      await deleteObject(run, objectsOf(run, namespace)[0]!);
    } catch (err) {
      if (!(err instanceof NamespaceRejectedError)) throw err;
      reject(run, err);
      continue;
    }
    run.log.info('recommendation enforced', { cluster: run.clusterId, namespace, forced: stored.value.enforcement?.forced ?? false });
    const { rec } = applyEnforcement(stored.value, true, run.now);
    await writeRecommendation(run, new Map([[namespace, stored]]), stored, rec);
  }
  return false;
}
