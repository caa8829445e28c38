import { foldBatch, renderOptionsFor, renderRecommendation, renderTier, type ClassifyOptions, type Manifest, type Recommendation } from '../core/engine';
import type { Scope } from '../core/scope';
import type { RunStats } from '../core/stats';
import { aggregateObjects } from './parallel/aggregate-objects';
import type { FlowObjectSource } from './ports';
import type { ImpactAggregate } from '../core/impact';

export interface RecommendOnceInput {
  readonly source: FlowObjectSource;
  readonly scope: Scope;
  readonly clusterDomain: string;
  readonly now: number;
  readonly since?: number;
  readonly until?: number;
  /**
   * Worker threads that inflate, parse and aggregate objects; 0 = all in this thread. Default:
   * the number of CPUs. The result is identical either way.
   */
  readonly workers?: number;
  /** Also count the staged verdicts of our policies in the scope's tier (`recommend --impact`). */
  readonly impact?: boolean;
}

export interface NamespaceManifests {
  readonly namespace: string;
  /** The domain NetworkSet (if contracted) first, then the StagedNetworkPolicy. */
  readonly manifests: Manifest[];
}

export interface RecommendOnceResult {
  readonly tier: Manifest;
  readonly namespaces: NamespaceManifests[];
  readonly recommendations: Recommendation[];
  readonly stats: RunStats;
  readonly objects: number;
  /** With `impact`: the staged verdicts per namespace. */
  readonly impact?: ImpactAggregate;
}

/**
 * The one-shot pipeline behind `policy-recommender recommend`: stream every object of the source
 * through the reader into one aggregate, fold it into empty state and render. The scope's
 * selector is evaluated against the implicit `projectcalico.org/name` label only; recStatus and
 * the learning cut-off do not apply (a one-shot run always learns). Objects are read by worker
 * threads (see `workers`); rules and statistics come out in canonical order either way.
 */
export async function recommendOnce(input: RecommendOnceInput): Promise<RecommendOnceResult> {
  const options: ClassifyOptions = {
    clusterDomain: input.clusterDomain,
    since: input.since,
    until: input.until,
    ...(input.impact ? { impactTier: input.scope.spec.namespaceSpec.tierName } : {}),
  };
  const { aggregate, objects } = await aggregateObjects(input.source, options, input.workers === undefined ? {} : { workers: input.workers });
  const stats = aggregate.stats;
  const folded = foldBatch({
    previous: new Map(),
    aggregate,
    scope: input.scope,
    now: input.now,
    inScope: (ns) => input.scope.selector.matches({ 'projectcalico.org/name': ns }),
    applyLearningCutOff: false,
  });
  const spec = input.scope.spec;
  const render = renderOptionsFor(input.scope);
  const recommendations = [...folded.changed.values()].sort((a, b) => (a.namespace < b.namespace ? -1 : 1));
  const namespaces = recommendations.map((rec) => {
    const rendered = renderRecommendation(rec, render);
    return { namespace: rec.namespace, manifests: rendered.domainSet ? [rendered.domainSet, rendered.policy] : [rendered.policy] };
  });
  return { tier: renderTier(spec.namespaceSpec.tierName), namespaces, recommendations, stats, objects, ...(input.impact ? { impact: aggregate.impact ?? new Map() } : {}) };
}
