import type { Cluster, ScopeSpec, Tab } from '../api/types';
import { plural, timeAgo } from './format';

/** One cluster's health as the clusters table shows it. */
export interface ClusterHealth {
  readonly ok: boolean;
  readonly run: string;
  readonly push: string;
  readonly backlog: string;
  readonly errors: string[];
}

export function clusterHealth(c: Cluster, nowMs: number): ClusterHealth {
  const errors: string[] = [];
  const run = c.lastRun;
  const push = c.lastPush;
  if (run?.error) errors.push(`Processing failed: ${run.error}`);
  if (push?.error) errors.push(`Push failed: ${push.error}${push.consecutiveFailures ? ` (${plural(push.consecutiveFailures, 'failure')} in a row)` : ''}`);
  if (c.state === 'deleting') errors.push('Being removed');
  const rejected = Object.values(run?.stats?.rejected ?? {}).reduce((a, b) => a + b, 0);
  const runText = !run
    ? 'not run yet'
    : !run.stats?.recordsRead
      ? `${timeAgo(run.startedAt, nowMs)}: no new flow logs`
      : `${timeAgo(run.startedAt, nowMs)}: ${run.stats.recordsUsed} of ${run.stats.recordsRead} records used` +
        `${rejected ? `, ${rejected} rejected` : ''}, ${plural(run.namespacesChanged ?? 0, 'namespace')} changed`;
  const pushText = push ? `${timeAgo(push.startedAt, nowMs)}: ${push.applied} applied, ${push.deleted} deleted` : 'not pushed yet';
  const pending = (run?.objects?.pendingLeft ?? 0) + (run?.objects?.retried ?? 0);
  return { ok: errors.length === 0, run: runText, push: pushText, backlog: pending ? `${plural(pending, 'object')} waiting` : 'none', errors };
}

/**
 * Why a tab is empty, from the scope and the last run's statistics: the first question a user
 * has is whether something is wrong.
 */
export function emptyReason(tab: Tab, cluster: Cluster | undefined, scope: ScopeSpec | undefined, filter: string, total = 0): string {
  if (filter.trim()) return `No namespace in this tab matches “${filter.trim()}”.`;
  if (tab === 'active') return 'Nothing is active yet: choose Add to policy board on a recommendation to stage its policy in the cluster.';
  if (tab === 'dismissed') return 'Nothing is dismissed. Dismissed policies stop learning until they are reactivated.';
  if (tab === 'enforced') return 'No namespace is enforced yet: an enforced policy is a Calico NetworkPolicy in the tier, no longer staged.';
  if (scope?.namespaceSpec.recStatus === 'Disabled') return 'Recommendations are disabled for this cluster: turn them on in Global settings.';
  if (total > 0) return 'Every learned namespace has been decided: see the Active, Dismissed and Enforced tabs.';
  const stats = cluster?.lastRun?.stats;
  if (!cluster?.lastRun || !stats || stats.recordsRead === 0) {
    const where = cluster ? ` (expected in s3://${cluster.flowLogs.bucket}/${cluster.flowLogs.prefix})` : '';
    return `No flow logs have been read for this cluster yet${where}. Recommendations appear after the next processing run that finds some.`;
  }
  const decided = (stats.skipped.protected ?? 0) + (stats.skipped.deny ?? 0);
  if (stats.recordsUsed === 0 && decided > 0) {
    return `All traffic seen is already decided by existing policies (${plural(decided, 'record')} allowed or denied by a policy), so there is nothing to recommend.`;
  }
  if (stats.recordsUsed === 0) return 'No traffic of the namespaces in scope has been seen yet (check the namespace selector in Global settings).';
  return 'No recommendation yet: the namespaces in scope have no unprotected traffic.';
}
