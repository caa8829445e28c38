import type { Scope } from '../scope';
import { parseRfc3339 } from './time';
import type { BoardTab, Recommendation, Status } from './model';

/** docs/engine.md: the status a `Learn` recommendation has at `now` when its rules did not change. */
export function statusByTime(rec: Recommendation, scope: Scope, now: number): Status {
  const d = now - parseRfc3339(rec.lastUpdated);
  if (d > scope.stabilizationSeconds) return 'Stable';
  if (d > 2 * scope.intervalSeconds) return 'Stabilizing';
  return rec.status;
}

export function isLearning(rec: Recommendation): boolean {
  return rec.stagedAction === 'Learn' && !rec.enforced;
}

export function boardTab(rec: Recommendation): BoardTab {
  // An enforcement asked for is the push's to carry out: the board shows the decision.
  if (rec.enforced || rec.enforcement !== undefined) return 'enforced';
  switch (rec.stagedAction) {
    case 'Learn':
      return 'recommendations';
    case 'Set':
      return 'active';
    case 'Ignore':
      return 'dismissed';
  }
}

export type BoardAction = 'activate' | 'dismiss' | 'reactivate';
/** `enforce` is decided with the impact too (core/impact/enforce.ts). */
export type AnyBoardAction = BoardAction | 'enforce';

/** An action that makes no sense from the recommendation's current state (HTTP 409). */
export class InvalidTransitionError extends Error {
  override readonly name = 'InvalidTransitionError';
  constructor(
    readonly namespace: string,
    readonly action: AnyBoardAction,
    readonly tab: BoardTab,
  ) {
    super(`cannot ${action} the recommendation for namespace ${namespace}: it is ${tab}`);
  }
}

/** Which tab each action leads to, and from which tabs it is allowed. */
const TRANSITIONS: Record<BoardAction, { from: readonly BoardTab[]; to: BoardTab }> = {
  activate: { from: ['recommendations'], to: 'active' },
  dismiss: { from: ['recommendations', 'active'], to: 'dismissed' },
  reactivate: { from: ['dismissed'], to: 'recommendations' },
};

/**
 * Applies a board action (docs/engine.md). Repeating an action whose target state is already
 * reached is a no-op (`changed: false`); an impossible transition throws InvalidTransitionError.
 */
export function applyAction(rec: Recommendation, action: BoardAction): { changed: boolean; rec: Recommendation } {
  const tab = boardTab(rec);
  const rule = TRANSITIONS[action];
  if (tab === rule.to) return { changed: false, rec };
  if (!rule.from.includes(tab)) throw new InvalidTransitionError(rec.namespace, action, tab);
  const next: Recommendation = { ...rec };
  if (action === 'activate') next.stagedAction = 'Set';
  if (action === 'dismiss') next.stagedAction = 'Ignore';
  if (action === 'reactivate') {
    // Learning resumes with the rules kept; a MaxRulesExceeded freeze is lifted by the user's act.
    next.stagedAction = 'Learn';
    next.warnings = rec.warnings.filter((w) => w !== 'MaxRulesExceeded');
  }
  return { changed: true, rec: next };
}

/** The cluster says a NetworkPolicy in the tier exists (or no longer exists) for the namespace. */
export function applyEnforcement(rec: Recommendation, enforced: boolean, now: string): { changed: boolean; rec: Recommendation } {
  if (rec.enforced === enforced) return { changed: false, rec };
  if (enforced) return { changed: true, rec: { ...rec, enforced: true, stagedAction: 'Ignore' } };
  // Rerun: the enforced policy was deleted, so learn afresh from nothing.
  const { enforcement: _done, ...rest } = rec;
  return {
    changed: true,
    rec: { ...rest, enforced: false, stagedAction: 'Learn', status: 'Learning', lastUpdated: now, egress: [], ingress: [], warnings: [] },
  };
}

/** A stagedAction changed in the cluster (Calico UI, kubectl) is adopted like a board action. */
export function adoptClusterStagedAction(rec: Recommendation, stagedAction: Recommendation['stagedAction']): { changed: boolean; rec: Recommendation } {
  if (rec.enforced || rec.stagedAction === stagedAction) return { changed: false, rec };
  // Back to Learn from the cluster is a reactivation: it lifts a MaxRulesExceeded freeze like the board's.
  const warnings = stagedAction === 'Learn' ? rec.warnings.filter((w) => w !== 'MaxRulesExceeded') : rec.warnings;
  return { changed: true, rec: { ...rec, stagedAction, warnings } };
}

/**
 * A namespace deleted from the cluster: Namespace rules that name it are removed from the other
 * `Learn` recommendations. Returns the recommendations that changed (the caller deletes the
 * namespace's own recommendation). A recommendation left with no rules is returned with none.
 */
export function forgetNamespace(recs: Iterable<Recommendation>, deleted: string, now: string): Recommendation[] {
  const changed: Recommendation[] = [];
  for (const rec of recs) {
    if (rec.namespace === deleted || !isLearning(rec)) continue;
    const keep = (r: { kind: string; peer: { name?: string } }) => !(r.kind === 'Namespace' && r.peer.name === deleted);
    const egress = rec.egress.filter(keep);
    const ingress = rec.ingress.filter(keep);
    if (egress.length === rec.egress.length && ingress.length === rec.ingress.length) continue;
    changed.push({ ...rec, egress, ingress, status: 'Learning', lastUpdated: now });
  }
  return changed;
}
