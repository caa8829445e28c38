import { renderRecommendation, renderTier, type RenderOptions, type RenderedRecommendation } from '../../core/engine';
import type { StoredRecommendation } from '../store';
import { ManifestRejectedError } from './errors';
import type { ObjectRef } from './ports';
import type { ReadBackResult } from './read-back';
import { deleteObject, isFrozen, objectKey, objectsOf, tierOf, type ClusterRun } from './run-context';

export interface PublishOptions {
  /** Re-apply every recommendation, not only those whose version is not published yet. */
  readonly full: boolean;
  /** Checked between objects: true when the invocation is running out of time. */
  readonly shouldStop: () => boolean;
}

export interface PublishResult {
  /** Per-object rejections; the other namespaces were still published. */
  readonly rejected: ManifestRejectedError[];
  /** Stopped early for lack of time; the rest is published by the next run. */
  readonly stopped: boolean;
}

interface Planned {
  readonly stored: StoredRecommendation;
  readonly rendered: RenderedRecommendation;
}

/**
 * Ensures the tier, applies what changed (or everything on a full reconcile), marks each
 * namespace published only after its objects were applied, then removes our objects that no
 * recommendation wants any more.
 */
export async function publish(run: ClusterRun, observed: ReadBackResult, options: PublishOptions): Promise<PublishResult> {
  const spec = run.scope.spec;
  const renderOptions: RenderOptions = { tier: tierOf(run), maxRules: spec.maxRules, intraNamespacePass: spec.namespaceSpec.intraNamespacePassThroughTraffic };
  // Read again: read-back may have changed versions, and board actions may have happened since.
  const recs = (await run.store.listRecommendations(run.clusterId))
    .filter((r) => !observed.gone.has(r.value.namespace))
    .sort((a, b) => (a.value.namespace < b.value.namespace ? -1 : 1));

  // The wanted objects are known for every namespace before anything is applied, so stopping
  // early never makes an object look orphaned.
  const wanted = new Set<string>();
  const plan: Planned[] = [];
  for (const stored of recs) {
    const [policyRef, domainSetRef] = objectsOf(run, stored.value.namespace) as [ObjectRef, ObjectRef];
    if (isFrozen(stored)) {
      wanted.add(objectKey(policyRef)).add(objectKey(domainSetRef));
      continue;
    }
    const rendered = renderRecommendation(stored.value, renderOptions);
    // No rules (e.g. relearning after its enforced policy was deleted): nothing to stage yet.
    if (rendered.ruleCounts.egress + rendered.ruleCounts.ingress === 0) continue;
    wanted.add(objectKey(policyRef));
    if (rendered.domainSet) wanted.add(objectKey(domainSetRef));
    if (options.full || stored.version !== stored.publishedVersion) plan.push({ stored, rendered });
  }

  await run.publisher.ensureTier(renderTier(renderOptions.tier));
  const observedSets = observed.domainSets ? new Set(observed.domainSets.map((d) => objectKey({ kind: 'NetworkSet', ...d }))) : null;
  const rejected: ManifestRejectedError[] = [];
  for (const { stored, rendered } of plan) {
    if (options.shouldStop()) return { rejected, stopped: true };
    const namespace = stored.value.namespace;
    try {
      // The NetworkSet first: the policy refers to it.
      if (rendered.domainSet) {
        await run.publisher.apply(rendered.domainSet);
        run.counts.applied++;
      }
      await run.publisher.apply(rendered.policy);
      run.counts.applied++;
      const domainSetRef = objectsOf(run, namespace)[1]!;
      if (!rendered.domainSet && (observedSets === null || observedSets.has(objectKey(domainSetRef)))) await deleteObject(run, domainSetRef);
      await run.store.markPublished(run.clusterId, namespace, stored.version);
    } catch (err) {
      if (!(err instanceof ManifestRejectedError)) throw err;
      run.log.warn('manifest rejected', { cluster: run.clusterId, namespace, error: err.message });
      rejected.push(err);
    }
  }

  const found: ObjectRef[] = [
    ...(observed.policies ?? []).map((p) => ({ kind: 'StagedNetworkPolicy' as const, namespace: p.namespace, name: p.name })),
    ...(observed.domainSets ?? []).map((d) => ({ kind: 'NetworkSet' as const, namespace: d.namespace, name: d.name })),
  ];
  for (const ref of found) {
    if (wanted.has(objectKey(ref)) || observed.gone.has(ref.namespace)) continue;
    if (options.shouldStop()) return { rejected, stopped: true };
    await deleteObject(run, ref);
  }
  return { rejected, stopped: false };
}
