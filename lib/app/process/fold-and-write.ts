import { fitItemBudget, foldBatch, type BatchAggregate, type Recommendation } from '../../core/engine';
import type { Scope } from '../../core/scope';
import { countSkip, emptyStats, type RunStats } from '../../core/stats';
import type { Cluster } from '../cluster';
import type { StateStore, StoredRecommendation } from '../store';
import { namespaceScope } from './namespace-scope';
import { recordImpact } from '../impact/record-impact';

export interface FoldWriteResult {
  readonly changed: readonly string[];
  readonly queued: readonly string[];
  readonly stats: RunStats;
}

/**
 * Folds an aggregate (or nothing: statuses still move with time) into the stored state and
 * writes only what changed, each write conditional on the version read here. Evidence is read
 * only for the namespaces the batch touches. Namespaces whose evidence already carries `batchId`
 * were written by an earlier attempt of this batch and are not folded again, which is what makes
 * a rerun after a crash exactly-once.
 */
export async function foldAndWrite(store: StateStore, cluster: Cluster, scope: Scope, now: number, batchId?: string, aggregate?: BatchAggregate): Promise<FoldWriteResult> {
  const agg: BatchAggregate = aggregate ?? { namespaces: new Map(), stats: emptyStats() };
  const heads = await store.listRecommendations(cluster.id, { evidence: false });
  const touched = await store.loadEvidence(
    cluster.id,
    heads.filter((s) => agg.namespaces.has(s.value.namespace)),
  );
  const byNs = new Map<string, StoredRecommendation>([...heads, ...touched].map((s) => [s.value.namespace, s]));
  const { inScope, deleted } = await namespaceScope(store, cluster.id, scope);
  for (const [ns, delta] of [...agg.namespaces]) {
    if (batchId !== undefined && byNs.get(ns)?.appliedBatch === batchId) {
      agg.stats.recordsUsed += delta.records;
      agg.namespaces.delete(ns);
      continue;
    }
    // Rules towards a namespace the cluster deleted are not learned again from late flows.
    for (const rules of [delta.egress, delta.ingress]) {
      for (const [key, rule] of rules) if (rule.kind === 'Namespace' && deleted.has(rule.peer.name ?? '')) rules.delete(key);
    }
    if (delta.egress.size === 0 && delta.ingress.size === 0) {
      countSkip(agg.stats, 'outOfScope', delta.records);
      agg.namespaces.delete(ns);
    }
  }
  const result = foldBatch({
    previous: new Map<string, Recommendation>([...byNs.values()].map((s) => [s.value.namespace, s.value])),
    aggregate: agg,
    scope,
    now,
    inScope,
    applyLearningCutOff: true,
  });
  const changed: string[] = [];
  for (const [ns, folded] of result.changed) {
    // Whatever the names and counts, the stored items stay under DynamoDB's item size.
    const { rec, droppedRecords } = fitItemBudget(folded);
    if (droppedRecords > 0) {
      const records = Math.min(droppedRecords, agg.namespaces.get(ns)?.records ?? 0);
      result.stats.recordsUsed -= records;
      countSkip(result.stats, 'ruleLimitReached', records);
    }
    const touchedByBatch = batchId !== undefined && agg.namespaces.has(ns) ? batchId : undefined;
    await store.putRecommendation(cluster.id, rec, byNs.get(ns) ?? null, touchedByBatch);
    changed.push(ns);
  }
  // Impact counters: their own items, after the rules they belong to (docs/impact-and-enforce.md).
  await recordImpact(store, cluster.id, scope, agg, (ns) => result.changed.get(ns) ?? byNs.get(ns)?.value, batchId);
  return { changed, queued: result.queued, stats: result.stats };
}
