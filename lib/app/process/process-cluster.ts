import { foldBatch, rfc3339, type BatchAggregate, type Clock, type Recommendation } from '../../core/engine';
import { resolveScope, type Scope } from '../../core/scope';
import { emptyStats, mergeStats, type RunStats } from '../../core/stats';
import type { Cluster, RunSummary } from '../cluster';
import { ConcurrentUpdateError } from '../errors';
import type { StateStore, StoredRecommendation } from '../store';
import { discoverObjects } from './discover';
import type { FlowArchive, ProcessLimits, TimeBudget } from './ports';
import { readBatch, type ObjectOutcome } from './read-batch';

export interface ProcessDeps {
  readonly store: StateStore;
  readonly archive: FlowArchive;
  readonly clock: Clock;
  readonly budget: TimeBudget;
  readonly limits: ProcessLimits;
  /** Unique per run: the lease owner. */
  readonly runId: string;
  readonly newBatchId: () => string;
}

export type ProcessOutcome = { readonly ran: false; readonly reason: 'busy' | 'gone' } | { readonly ran: true; readonly summary: RunSummary };

/** A batch that lost a race against a board action or push is re-folded this many times per run. */
const MAX_CONFLICT_RETRIES = 3;

/**
 * One processing run for one cluster (architecture.md §2–§3), under its lease: discover new
 * objects, fold pending ones batch by batch, advance statuses, record the run. Each batch is
 * recorded before its effects and names itself on every recommendation it writes, so a run that
 * dies anywhere is finished by the next one without folding any record twice.
 */
export async function processCluster(clusterId: string, deps: ProcessDeps): Promise<ProcessOutcome> {
  const { store, clock } = deps;
  const startedAt = clock.now();
  if (!(await store.acquireLease(clusterId, 'process', deps.runId, startedAt, deps.limits.leaseSeconds))) return { ran: false, reason: 'busy' };
  try {
    const stored = await store.getCluster(clusterId);
    if (!stored) return { ran: false, reason: 'gone' };
    const cluster = stored.value;
    const scope = resolveScope((await store.getScope(clusterId))?.value ?? {});
    const run = new ClusterRun(cluster, scope, deps);
    let error: string | undefined;
    try {
      await run.execute();
    } catch (err) {
      error = (err as Error).message;
    }
    const summary: RunSummary = {
      startedAt: rfc3339(startedAt),
      durationMs: Math.max(0, (clock.now() - startedAt) * 1000),
      objects: run.objects,
      stats: run.stats,
      namespacesChanged: run.changedNamespaces.size,
      queued: [...run.queuedNamespaces].sort(),
      ...(error ? { error } : {}),
    };
    await store.updateClusterStatus(clusterId, { lastRun: summary });
    return { ran: true, summary };
  } finally {
    await store.releaseLease(clusterId, 'process', deps.runId);
  }
}

class ClusterRun {
  readonly stats: RunStats = emptyStats();
  readonly objects = { done: 0, failed: 0, skipped: 0, pendingLeft: 0 };
  readonly changedNamespaces = new Set<string>();
  readonly queuedNamespaces = new Set<string>();

  constructor(
    private readonly cluster: Cluster,
    private readonly scope: Scope,
    private readonly deps: ProcessDeps,
  ) {}

  async execute(): Promise<void> {
    const { store, limits } = this.deps;
    const now = this.deps.clock.now();
    await discoverObjects(this.cluster, this.scope.initialLookbackSeconds, now, { store, archive: this.deps.archive, limits });
    if (this.scope.spec.namespaceSpec.recStatus !== 'Enabled') {
      await this.skipPending();
      return;
    }
    let conflicts = 0;
    let batch = await store.getOpenBatch(this.cluster.id);
    while (this.hasTime()) {
      if (!batch) {
        const pending = await store.listPending(this.cluster.id, limits.maxObjectsPerBatch);
        if (pending.length === 0) break;
        let bytes = 0;
        const keys = pending.filter((e, i) => i === 0 || (bytes += e.size) <= limits.maxBytesPerBatch).map((e) => e.key);
        batch = { id: this.deps.newBatchId(), keys };
        await store.openBatch(this.cluster.id, batch);
      }
      try {
        await this.applyBatch(batch.id, batch.keys);
        batch = undefined;
      } catch (err) {
        if (!(err instanceof ConcurrentUpdateError) || ++conflicts > MAX_CONFLICT_RETRIES) throw err;
      }
    }
    // Time alone moves statuses, also when no object arrived.
    if (!batch) await this.fold(undefined, undefined);
    this.objects.pendingLeft = (await store.listPending(this.cluster.id, limits.maxObjectsPerBatch)).length;
  }

  private hasTime(): boolean {
    return this.deps.budget.remainingMs() > this.deps.limits.timeMarginMs;
  }

  private async skipPending(): Promise<void> {
    while (this.hasTime()) {
      const pending = await this.deps.store.listPending(this.cluster.id, this.deps.limits.maxObjectsPerBatch);
      if (pending.length === 0) return;
      for (const entry of pending) await this.deps.store.markObject(this.cluster.id, entry.key, 'skipped', { reason: 'recStatus Disabled' });
      this.objects.skipped += pending.length;
    }
  }

  private async applyBatch(batchId: string, keys: readonly string[]): Promise<void> {
    const options = { clusterDomain: this.cluster.clusterDomain, since: this.deps.clock.now() - this.scope.initialLookbackSeconds };
    const { aggregate, outcomes } = await readBatch(this.cluster.flowLogs.bucket, keys, options, this.deps.archive);
    await this.fold(batchId, aggregate);
    await this.markObjects(outcomes);
    await this.deps.store.closeBatch(this.cluster.id, batchId);
  }

  private async markObjects(outcomes: readonly ObjectOutcome[]): Promise<void> {
    for (const o of outcomes) {
      await this.deps.store.markObject(this.cluster.id, o.key, o.state, { reason: o.reason, stats: o.stats });
      this.objects[o.state]++;
    }
  }

  /** Folds an aggregate (or nothing) into the stored state and writes only what changed. */
  private async fold(batchId: string | undefined, aggregate: BatchAggregate | undefined): Promise<void> {
    const { store } = this.deps;
    const stored = await store.listRecommendations(this.cluster.id);
    const byNs = new Map<string, StoredRecommendation>(stored.map((s) => [s.value.namespace, s]));
    const agg = aggregate ?? { namespaces: new Map(), stats: emptyStats() };
    // Namespaces this batch already reached before a crash or conflict: never fold them twice.
    for (const ns of [...agg.namespaces.keys()]) {
      if (batchId !== undefined && byNs.get(ns)?.appliedBatch === batchId) {
        agg.stats.recordsUsed += agg.namespaces.get(ns)!.records;
        agg.namespaces.delete(ns);
      }
    }
    const labels = new Map((await store.listNamespaces(this.cluster.id)).map((n) => [n.name, n.labels]));
    // A namespace the cluster deleted is not recreated from flows still in the archive.
    const deleted = new Set(await store.listDeletedNamespaces(this.cluster.id));
    const result = foldBatch({
      previous: new Map<string, Recommendation>(stored.map((s) => [s.value.namespace, s.value])),
      aggregate: agg,
      scope: this.scope,
      now: this.deps.clock.now(),
      inScope: (ns) => !deleted.has(ns) && this.scope.selector.matches({ ...(labels.get(ns) ?? {}), 'projectcalico.org/name': ns }),
      applyLearningCutOff: true,
    });
    for (const [ns, rec] of result.changed) {
      const prev = byNs.get(ns);
      const touchedByBatch = batchId !== undefined && agg.namespaces.has(ns) ? batchId : undefined;
      await store.putRecommendation(this.cluster.id, rec, prev ? prev.version : null, touchedByBatch);
      this.changedNamespaces.add(ns);
      this.queuedNamespaces.delete(ns);
    }
    mergeStats(this.stats, result.stats);
    for (const ns of result.queued) this.queuedNamespaces.add(ns);
  }
}

