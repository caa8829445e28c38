import { rfc3339 } from '../../core/engine';
import type { Cluster, FlowLogLocation, PushSummary, RunSummary, Target } from '../cluster';

/** A cluster as the API shows it: registration and job summaries, never credentials. */
export interface ClusterView {
  readonly id: string;
  readonly flowLogs: FlowLogLocation;
  readonly target: Target;
  readonly clusterDomain: string;
  readonly registeredAt: string;
  readonly lastRun: RunSummary | null;
  readonly lastPush: PushSummaryView | null;
  /** `deleting` while unregistration removes the cluster's state. */
  readonly state: 'active' | 'deleting';
  readonly deletion?: { readonly requestedAt: string; readonly purge: boolean; readonly error?: string };
}

export interface PushSummaryView {
  readonly startedAt: string;
  readonly durationMs: number;
  readonly applied: number;
  readonly deleted: number;
  readonly adopted: number;
  readonly error?: string;
  readonly consecutiveFailures: number;
  readonly nextAttemptAt?: string;
  readonly capacity?: PushSummary['capacity'];
}

/**
 * Copies the one key a target may have, so a field added to a stored target later (a cached
 * kubeconfig, a token) can never leak through the API by accident.
 */
function targetView(target: Target): Target {
  if ('kubeconfigSecret' in target) return { kubeconfigSecret: target.kubeconfigSecret };
  if ('eks' in target) return { eks: { name: target.eks.name, region: target.eks.region, ...(target.eks.roleArn ? { roleArn: target.eks.roleArn } : {}) } };
  if ('kubeconfigFile' in target) return { kubeconfigFile: target.kubeconfigFile };
  return { directory: target.directory };
}

function pushView(p: PushSummary): PushSummaryView {
  return {
    startedAt: p.startedAt,
    durationMs: p.durationMs,
    applied: p.applied,
    deleted: p.deleted,
    adopted: p.adopted,
    ...(p.error === undefined ? {} : { error: p.error }),
    consecutiveFailures: p.consecutiveFailures,
    ...(p.nextAttemptAt === undefined ? {} : { nextAttemptAt: rfc3339(p.nextAttemptAt) }),
    ...(p.capacity ? { capacity: p.capacity } : {}),
  };
}

export function clusterView(c: Cluster): ClusterView {
  return {
    id: c.id,
    flowLogs: { bucket: c.flowLogs.bucket, prefix: c.flowLogs.prefix },
    target: targetView(c.target),
    clusterDomain: c.clusterDomain,
    registeredAt: rfc3339(c.registeredAt),
    lastRun: c.lastRun ?? null,
    lastPush: c.lastPush ? pushView(c.lastPush) : null,
    state: c.deleting ? 'deleting' : 'active',
    ...(c.deleting ? { deletion: { requestedAt: rfc3339(c.deleting.requestedAt), purge: c.deleting.purge, ...(c.deleting.error ? { error: c.deleting.error } : {}) } } : {}),
  };
}
