import { renderOptionsFor, renderRecommendation, renderTier, type RenderedRecommendation } from '../../core/engine';
import type { StoredRecommendation } from '../store';
import { manifestDigest } from './digest';
import { NamespaceRejectedError } from './errors';
import type { ObjectRef } from './ports';
import type { ReadBackResult } from './read-back';
import { deleteObject, holds, isFrozen, objectKey, objectsOf, reject, type ClusterRun } from './run-context';
import { carryOutEnforcements, planEnforcement, type PendingEnforcement } from './enforce';

export interface PublishOptions {
  /** Re-apply every recommendation, not only those whose manifests changed. */
  readonly full: boolean;
  /** Checked between objects: true when the invocation is running out of time. */
  readonly shouldStop: () => boolean;
}

export interface PublishResult {
  /** Stopped early for lack of time; the rest is published by the next run. */
  readonly stopped: boolean;
}

interface Planned {
  readonly stored: StoredRecommendation;
  readonly rendered: RenderedRecommendation;
  readonly digest: string;
}

/**
 * Ensures the tier, applies what changed (or everything on a full reconcile), marks each
 * namespace published only after its objects were applied, then removes our objects that no
 * recommendation wants any more. Per-namespace refusals are recorded on `run.rejected`.
 *
 * Publishing is by content: a recommendation is applied when its rendered manifests differ from
 * what we last applied (`published.digest`), when one of its objects is missing from the target,
 * or on a full reconcile. A version bump that renders the same (evidence only) applies nothing
 * and is only marked published, so the board's `publishedVersion` keeps meaning "in the cluster".
 */
export async function publish(run: ClusterRun, observed: ReadBackResult, options: PublishOptions): Promise<PublishResult> {
  const renderOptions = renderOptionsFor(run.scope);
  // Read again: read-back may have changed versions, and board actions may have happened since.
  const recs = (await run.store.listRecommendations(run.clusterId, { evidence: false }))
    .filter((r) => !observed.gone.has(r.value.namespace))
    .sort((a, b) => (a.value.namespace < b.value.namespace ? -1 : 1));

  // The wanted objects are known for every namespace before anything is applied, so stopping
  // early never makes an object look orphaned.
  const wanted = new Set<string>();
  const plan: Planned[] = [];
  const unchanged: StoredRecommendation[] = [];
  const enforcing: PendingEnforcement[] = [];
  for (const stored of recs) {
    if (planEnforcement(run, stored, renderOptions, wanted, enforcing)) continue;
    const [policyRef, domainSetRef] = objectsOf(run, stored.value.namespace) as [ObjectRef, ObjectRef];
    // Frozen keeps what the cluster holds; one whose object is gone (deleted, or a new tier) is published once as it is.
    if (isFrozen(stored) && holds(run, policyRef)) {
      wanted.add(objectKey(policyRef)).add(objectKey(domainSetRef));
      continue;
    }
    const rendered = renderRecommendation(stored.value, renderOptions);
    // No rules (e.g. relearning after its enforced policy was deleted): nothing to stage yet.
    if (rendered.ruleCounts.egress + rendered.ruleCounts.ingress === 0) continue;
    wanted.add(objectKey(policyRef));
    if (rendered.domainSet) wanted.add(objectKey(domainSetRef));
    const digest = manifestDigest(rendered);
    const missing = !holds(run, policyRef) || (rendered.domainSet !== undefined && !holds(run, domainSetRef));
    if (options.full || missing || stored.published?.digest !== digest) plan.push({ stored, rendered, digest });
    else if (stored.publishedVersion !== stored.version) unchanged.push(stored);
  }

  // What the cluster holds already is this version's content: record it, no cluster call.
  for (const stored of unchanged) await run.store.markPublished(run.clusterId, stored.value.namespace, stored.version);

  await run.publisher.ensureTier(renderTier(renderOptions.tier));
  for (const { stored, rendered, digest } of plan) {
    if (options.shouldStop()) return { stopped: true };
    const namespace = stored.value.namespace;
    try {
      // The NetworkSet first: the policy refers to it.
      if (rendered.domainSet) {
        await run.publisher.apply(rendered.domainSet);
        run.counts.applied++;
      }
      await run.publisher.apply(rendered.policy);
      run.counts.applied++;
      if (!rendered.domainSet) await deleteObject(run, objectsOf(run, namespace)[1]!);
      await run.store.markPublished(run.clusterId, namespace, stored.version, { stagedAction: stored.value.stagedAction, digest });
    } catch (err) {
      if (!(err instanceof NamespaceRejectedError)) throw err;
      reject(run, err);
    }
  }
  if (await carryOutEnforcements(run, enforcing, options.shouldStop)) return { stopped: true };

  const found: ObjectRef[] = [
    ...(observed.policies ?? []).map((p) => ({ kind: 'StagedNetworkPolicy' as const, namespace: p.namespace, name: p.name })),
    ...(observed.domainSets ?? []).map((d) => ({ kind: 'NetworkSet' as const, namespace: d.namespace, name: d.name })),
  ];
  for (const ref of found) {
    if (wanted.has(objectKey(ref)) || observed.gone.has(ref.namespace)) continue;
    if (options.shouldStop()) return { stopped: true };
    await deleteObject(run, ref);
  }
  return { stopped: false };
}
