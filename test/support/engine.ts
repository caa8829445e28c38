import { addRecord, emptyAggregate, foldBatch, renderOptionsFor, renderRecommendation, type Recommendation } from '../../lib/core/engine';
import type { FlowRecord } from '../../lib/core/flowlog/record';
import { resolveScope, type Scope } from '../../lib/core/scope';
import { emptyStats } from '../../lib/core/stats';

export const NOW = 1_788_264_400; // 2026-09-01T12:06:40Z

/** Runs records through aggregate + fold against `previous`, the way a processing run does. */
export function learn(records: readonly FlowRecord[], opts: { scope?: Scope; previous?: Map<string, Recommendation>; now?: number; cutOff?: boolean } = {}) {
  const scope = opts.scope ?? resolveScope({ namespaceSpec: { recStatus: 'Enabled' } });
  const agg = emptyAggregate(emptyStats());
  for (const r of records) addRecord(agg, r, { clusterDomain: 'cluster.local' });
  const result = foldBatch({
    previous: opts.previous ?? new Map(),
    aggregate: agg,
    scope,
    now: opts.now ?? NOW,
    inScope: (ns) => scope.selector.matches({ 'projectcalico.org/name': ns }),
    applyLearningCutOff: opts.cutOff ?? true,
  });
  const all = new Map(opts.previous ?? []);
  for (const [ns, rec] of result.changed) all.set(ns, rec);
  return { ...result, all, scope };
}

export function render(rec: Recommendation, scope: Scope) {
  return renderRecommendation(rec, renderOptionsFor(scope));
}
