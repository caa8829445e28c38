import { rfc3339, type BatchAggregate, type Clock } from '../../core/engine';
import { resolveScope, type Scope } from '../../core/scope';
import { emptyStats, mergeStats, type RunStats } from '../../core/stats';
import { unmeasured, type CapacityMeter } from '../capacity';
import type { Cluster, RunSummary } from '../cluster';
import { ConcurrentUpdateError } from '../errors';
import { failureBookkeeping } from '../jobs/due';
import type { Batch, LedgerEntry, StateStore } from '../store';
import { discoverObjects } from './discover';
import { MAX_READ_ATTEMPTS, type FlowArchive, type ProcessLimits, type TimeBudget } from './ports';
import { readBatch } from './read-batch';
import { foldAndWrite } from './fold-and-write';
import { impactOptions } from '../impact/record-impact';

export interface ProcessDeps {
  readonly store: StateStore;
  readonly archive: FlowArchive;
  readonly clock: Clock;
  readonly budget: TimeBudget;
  readonly limits: ProcessLimits;
  /** Unique per run: the lease owner. */
  readonly runId: string;
  readonly newBatchId: () => string;
  /** Measures the DynamoDB capacity of the run (reported in its summary). */
  readonly meter?: CapacityMeter;
}

export type ProcessOutcome =
  | { readonly ran: false; readonly reason: 'busy' | 'gone' }
  /** `more`: the run stopped for lack of time with objects still pending (a follow-up continues). */
  | { readonly ran: true; readonly summary: RunSummary; readonly more: boolean };

/** A batch that lost a race against a board action or push is re-folded this many times per run. */
const MAX_CONFLICT_RETRIES = 3;

/**
 * One processing run for one cluster (docs/architecture.md), under its lease: discover new
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
    if (!stored || stored.value.deleting) return { ran: false, reason: 'gone' };
    const cluster = stored.value;
    let error: string | undefined;
    let run: ClusterRun | undefined;
    const { report } = await (deps.meter ?? unmeasured).measure(async () => {
      try {
        const scope = resolveScope((await store.getScope(clusterId))?.value ?? {});
        run = new ClusterRun(cluster, scope, deps);
        await run.execute();
      } catch (err) {
        error = (err as Error).message;
      }
    });
    const now = clock.now();
    const summary: RunSummary = {
      startedAt: rfc3339(startedAt),
      durationMs: Math.max(0, (now - startedAt) * 1000),
      objects: run?.objects ?? { done: 0, failed: 0, skipped: 0, retried: 0, pendingLeft: cluster.lastRun?.objects.pendingLeft ?? 0 },
      stats: run?.stats ?? emptyStats(),
      namespacesChanged: run?.changedNamespaces.size ?? 0,
      queued: [...(run?.queuedNamespaces ?? [])].sort(),
      ...(error ? { error } : {}),
      ...failureBookkeeping(cluster.lastRun, error !== undefined, now),
      ...(deps.meter ? { capacity: { read: report.read, write: report.write } } : {}),
    };
    await store.updateClusterStatus(clusterId, { lastRun: summary });
    return { ran: true, summary, more: error === undefined && (run?.outOfTime ?? false) && summary.objects.pendingLeft > 0 };
  } finally {
    await store.releaseLease(clusterId, 'process', deps.runId);
  }
}

class ClusterRun {
  readonly stats: RunStats = emptyStats();
  readonly objects = { done: 0, failed: 0, skipped: 0, retried: 0, pendingLeft: 0 };
  readonly changedNamespaces = new Set<string>();
  readonly queuedNamespaces = new Set<string>();
  /** The run stopped taking batches because its time ran out. */
  outOfTime = false;
  /** Objects finished in this run: the pending index is eventually consistent and may still list them. */
  private readonly handled = new Set<string>();

  constructor(
    private readonly cluster: Cluster,
    private readonly scope: Scope,
    private readonly deps: ProcessDeps,
  ) {}

  async execute(): Promise<void> {
    const { store, limits } = this.deps;
    if (this.scope.spec.namespaceSpec.recStatus !== 'Enabled') {
      // No listing while disabled: enabling later lists the initial lookback (or since the last
      // listing) and re-queues what was skipped meanwhile.
      await this.skipPending();
      return;
    }
    const budget = this.deps.budget;
    await discoverObjects(this.cluster, this.scope.initialLookbackSeconds, this.deps.clock.now(), { store, archive: this.deps.archive, limits, budget });
    let conflicts = 0;
    let batch = await store.getOpenBatch(this.cluster.id);
    while (this.hasTime()) {
      batch ??= await this.nextBatch();
      if (!batch) break;
      try {
        await this.applyBatch(batch.id, batch.keys);
        batch = undefined;
      } catch (err) {
        if (!(err instanceof ConcurrentUpdateError) || ++conflicts > MAX_CONFLICT_RETRIES) throw err;
      }
    }
    this.outOfTime = !this.hasTime();
    // Time alone moves statuses, also when no object arrived.
    if (!batch) await this.fold(undefined, undefined);
    // The whole backlog (not one batch of it): the board shows it, and it decides on a follow-up.
    const next = await this.pending();
    this.objects.pendingLeft = next.length < limits.maxObjectsPerBatch ? next.length : await store.countPending(this.cluster.id, this.handled);
  }

  private hasTime(): boolean {
    return this.deps.budget.remainingMs() > this.deps.limits.timeMarginMs;
  }

  private async pending(): Promise<LedgerEntry[]> {
    const limit = this.deps.limits.maxObjectsPerBatch;
    const entries = await this.deps.store.listPending(this.cluster.id, limit * 2);
    return entries.filter((e) => !this.handled.has(e.key)).slice(0, limit);
  }

  /** The oldest pending objects within the batch bounds, recorded before any of their effects. */
  private async nextBatch(): Promise<Batch | undefined> {
    const keys: string[] = [];
    let bytes = 0;
    for (const e of await this.pending()) {
      if (keys.length > 0 && bytes + e.size > this.deps.limits.maxBytesPerBatch) break;
      bytes += e.size;
      keys.push(e.key);
    }
    if (keys.length === 0) return undefined;
    const batch = { id: this.deps.newBatchId(), keys };
    await this.deps.store.openBatch(this.cluster.id, batch);
    return batch;
  }

  private async skipPending(): Promise<void> {
    while (this.hasTime()) {
      const pending = await this.pending();
      if (pending.length === 0) return;
      for (const entry of pending) {
        await this.deps.store.markObject(this.cluster.id, entry.key, 'skipped', { reason: 'recStatus Disabled' });
        this.handled.add(entry.key);
      }
      this.objects.skipped += pending.length;
    }
  }

  private async applyBatch(batchId: string, keys: readonly string[]): Promise<void> {
    const options = { clusterDomain: this.cluster.clusterDomain, since: this.deps.clock.now() - this.scope.initialLookbackSeconds, ...impactOptions(this.scope) };
    const { aggregate, outcomes } = await readBatch(this.cluster.flowLogs.bucket, keys, options, this.deps.archive);
    await this.fold(batchId, aggregate);
    for (const o of outcomes) {
      this.handled.add(o.key);
      if (o.state === 'retry' && (await this.deps.store.deferObject(this.cluster.id, o.key, o.reason ?? 'read failed')) < MAX_READ_ATTEMPTS) {
        this.objects.retried++;
        continue;
      }
      const state = o.state === 'retry' ? 'failed' : o.state;
      await this.deps.store.markObject(this.cluster.id, o.key, state, { reason: o.reason, stats: o.stats });
      this.objects[state]++;
    }
    await this.deps.store.closeBatch(this.cluster.id, batchId);
  }

  private async fold(batchId: string | undefined, aggregate: BatchAggregate | undefined): Promise<void> {
    const result = await foldAndWrite(this.deps.store, this.cluster, this.scope, this.deps.clock.now(), batchId, aggregate);
    for (const ns of result.changed) {
      this.changedNamespaces.add(ns);
      this.queuedNamespaces.delete(ns);
    }
    mergeStats(this.stats, result.stats);
    for (const ns of result.queued) this.queuedNamespaces.add(ns);
  }
}
