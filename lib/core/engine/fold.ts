import type { Scope } from '../scope';
import { countSkip, type RunStats } from '../stats';
import type { BatchAggregate } from './aggregate';
import { isLearning, statusByTime } from './lifecycle';
import { mergeDelta } from './merge-rules';
import type { Recommendation } from './model';
import { renderRecommendation } from './render-policy';
import { renderOptionsFor } from './render-options';
import { rfc3339 } from './time';

export interface FoldInput {
  /** Every stored recommendation of the cluster, by namespace. Not mutated. */
  readonly previous: ReadonlyMap<string, Recommendation>;
  readonly aggregate: BatchAggregate;
  readonly scope: Scope;
  /** Injected clock, Unix seconds. */
  readonly now: number;
  /** Whether the namespace is in scope (the selector against its labels). */
  readonly inScope: (namespace: string) => boolean;
  /** Apply `policiesLearningCutOff` (the scheduled path does; a one-shot CLI run does not). */
  readonly applyLearningCutOff: boolean;
}

export interface FoldResult {
  /** Recommendations that are new or changed in any way (rules, evidence, status, warnings). */
  readonly changed: Map<string, Recommendation>;
  /** Namespaces with new traffic that were not created because of the learning cut-off. */
  readonly queued: string[];
  readonly stats: RunStats;
}

/**
 * One processing step of docs/engine.md: advance statuses by time, fold the batch
 * into existing `Learn` recommendations, then create new ones under the learning cut-off.
 * Namespaces are visited in sorted order so the outcome never depends on input order.
 */
export function foldBatch(input: FoldInput): FoldResult {
  const { scope, aggregate, now } = input;
  const nowText = rfc3339(now);
  const stats = aggregate.stats;
  const changed = new Map<string, Recommendation>();
  const current = (ns: string) => changed.get(ns) ?? input.previous.get(ns);
  const render = renderOptionsFor(scope);

  for (const rec of input.previous.values()) {
    if (!isLearning(rec)) continue;
    const status = statusByTime(rec, scope, now);
    if (status !== rec.status) changed.set(rec.namespace, { ...rec, status });
  }

  const creatable: string[] = [];
  for (const ns of [...aggregate.namespaces.keys()].sort()) {
    const delta = aggregate.namespaces.get(ns)!;
    if (!input.inScope(ns)) {
      countSkip(stats, 'outOfScope', delta.records);
      continue;
    }
    const rec = current(ns);
    if (!rec) {
      creatable.push(ns);
      continue;
    }
    if (!isLearning(rec) || rec.warnings.includes('MaxRulesExceeded')) {
      countSkip(stats, 'notLearning', delta.records);
      continue;
    }
    const merged = mergeDelta(rec, delta, nowText);
    stats.recordsUsed += delta.records;
    if (!merged.grew) {
      changed.set(ns, merged.rec);
    } else if (renderRecommendation(merged.rec, render).exceedsMaxRules) {
      // Keep the last rules; the namespace waits for the user (docs/engine.md).
      changed.set(ns, { ...rec, warnings: [...rec.warnings, 'MaxRulesExceeded'] });
    } else {
      changed.set(ns, { ...merged.rec, status: 'Learning', lastUpdated: nowText });
    }
  }

  let learning = 0;
  for (const ns of new Set([...input.previous.keys(), ...changed.keys()])) {
    const rec = current(ns)!;
    if (isLearning(rec) && rec.status === 'Learning') learning++;
  }
  const queued: string[] = [];
  for (const ns of creatable) {
    const delta = aggregate.namespaces.get(ns)!;
    if (input.applyLearningCutOff && learning >= scope.spec.policiesLearningCutOff) {
      queued.push(ns);
      countSkip(stats, 'queued', delta.records);
      continue;
    }
    const empty: Recommendation = { namespace: ns, stagedAction: 'Learn', enforced: false, status: 'Learning', lastUpdated: nowText, egress: [], ingress: [], warnings: [] };
    const created = mergeDelta(empty, delta, nowText).rec;
    if (renderRecommendation(created, render).exceedsMaxRules) created.warnings = ['MaxRulesExceeded'];
    changed.set(ns, created);
    stats.recordsUsed += delta.records;
    learning++;
  }
  return { changed, queued, stats };
}
