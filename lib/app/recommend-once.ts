import { readFlowObject } from '../core/flowlog/read-stream';
import {
  addRecord,
  emptyAggregate,
  foldBatch,
  renderRecommendation,
  renderTier,
  type ClassifyOptions,
  type Manifest,
  type Recommendation,
} from '../core/engine';
import type { Scope } from '../core/scope';
import { countReject, countSkip, emptyStats, type RunStats } from '../core/stats';
import type { FlowObjectSource } from './ports';

export interface RecommendOnceInput {
  readonly source: FlowObjectSource;
  readonly scope: Scope;
  readonly clusterDomain: string;
  readonly now: number;
  readonly since?: number;
  readonly until?: number;
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
}

/**
 * The one-shot pipeline behind `policy-recommender recommend`: stream every object of the source
 * through the reader into one aggregate, fold it into empty state and render. The scope's
 * selector is evaluated against the implicit `projectcalico.org/name` label only; recStatus and
 * the learning cut-off do not apply (a one-shot run always learns).
 */
export async function recommendOnce(input: RecommendOnceInput): Promise<RecommendOnceResult> {
  const stats = emptyStats();
  const aggregate = emptyAggregate(stats);
  const options: ClassifyOptions = { clusterDomain: input.clusterDomain, since: input.since, until: input.until };
  let objects = 0;
  for await (const ref of input.source.list()) {
    objects++;
    const body = await input.source.open(ref);
    const result = await readFlowObject(body, (record) => addRecord(aggregate, record, options));
    stats.recordsRead += result.recordsRead;
    for (const [reason, n] of Object.entries(result.rejected)) countReject(stats, reason as keyof RunStats['rejected'], n);
    if (result.ignoredLines > 0) countSkip(stats, 'otherTag', result.ignoredLines);
  }
  const folded = foldBatch({
    previous: new Map(),
    aggregate,
    scope: input.scope,
    now: input.now,
    inScope: (ns) => input.scope.selector.matches({ 'projectcalico.org/name': ns }),
    applyLearningCutOff: false,
  });
  const spec = input.scope.spec;
  const render = { tier: spec.namespaceSpec.tierName, maxRules: spec.maxRules, intraNamespacePass: spec.namespaceSpec.intraNamespacePassThroughTraffic };
  const recommendations = [...folded.changed.values()].sort((a, b) => (a.namespace < b.namespace ? -1 : 1));
  const namespaces = recommendations.map((rec) => {
    const rendered = renderRecommendation(rec, render);
    return { namespace: rec.namespace, manifests: rendered.domainSet ? [rendered.domainSet, rendered.policy] : [rendered.policy] };
  });
  return { tier: renderTier(spec.namespaceSpec.tierName), namespaces, recommendations, stats, objects };
}
