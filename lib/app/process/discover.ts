import pLimit from 'p-limit';
import { dayPartitionPrefixes, isFlowLogKey } from '../../core/flowlog/keys';
import type { Cluster } from '../cluster';
import type { StateStore } from '../store';
import type { ArchivedObject, FlowArchive, ProcessLimits, TimeBudget } from './ports';

/** Objects may land in S3 a little before their LastModified is visible in a listing. */
const LISTING_SLACK_SECONDS = 900;
/** Conditional puts in flight while listing (the ledger write is the slow part of a listing). */
const PUT_CONCURRENCY = 16;
const PUT_CHUNK = 200;
const DAY_SECONDS = 86_400;

function dayOf(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().slice(0, 10).replace(/-/g, '');
}

/** Every UTC day (start, YYYYMMDD) from `from` to `to`, inclusive. */
export function daysBetween(from: number, to: number): { start: number; day: string }[] {
  const days: { start: number; day: string }[] = [];
  for (let t = Math.floor(from / DAY_SECONDS) * DAY_SECONDS; t <= to; t += DAY_SECONDS) days.push({ start: t, day: dayOf(t) });
  return days;
}

export interface DiscoveryResult {
  readonly listed: boolean;
  /** False when the time budget ran out; the next run resumes from the last complete day. */
  readonly complete: boolean;
  readonly added: number;
}

export interface DiscoveryDeps {
  readonly store: StateStore;
  readonly archive: FlowArchive;
  readonly limits: ProcessLimits;
  readonly budget: TimeBudget;
}

/**
 * Lists the day partitions into the ledger (docs/architecture.md): on the first run after
 * registration (the initial lookback), on every run when notifications are off, and otherwise as
 * a periodic safety net. Adding is a conditional put, so overlapping listings are harmless.
 * `listedUntil` advances after each complete day, so a listing longer than one run (a busy
 * cluster's first day) resumes instead of starting over.
 */
export async function discoverObjects(cluster: Cluster, lookbackSeconds: number, now: number, deps: DiscoveryDeps): Promise<DiscoveryResult> {
  const last = cluster.listedUntil;
  const due = last === undefined || !deps.limits.notifications || now - last >= deps.limits.safetyListingSeconds;
  if (!due) return { listed: false, complete: true, added: 0 };
  const from = Math.max(now - lookbackSeconds, last === undefined ? -Infinity : last - LISTING_SLACK_SECONDS);
  const expiresAt = now + lookbackSeconds + deps.limits.ledgerTtlMarginSeconds;
  const limit = pLimit(PUT_CONCURRENCY);
  let added = 0;
  const record = async (objects: ArchivedObject[]) => {
    const results = await Promise.all(
      objects.map((o) => limit(() => deps.store.addObject(cluster.id, { key: o.key, size: o.size, etag: o.etag, arrivedAt: o.lastModified }, expiresAt))),
    );
    added += results.filter(Boolean).length;
  };
  for (const { start, day } of daysBetween(from, now)) {
    for (const listPrefix of dayPartitionPrefixes(cluster.flowLogs.prefix, day)) {
      let chunk: ArchivedObject[] = [];
      for await (const obj of deps.archive.list(cluster.flowLogs.bucket, listPrefix)) {
        if (obj.lastModified < from || !isFlowLogKey(cluster.flowLogs.prefix, obj.key)) continue;
        chunk.push(obj);
        if (chunk.length < PUT_CHUNK) continue;
        await record(chunk);
        chunk = [];
        if (deps.budget.remainingMs() <= deps.limits.timeMarginMs) return { listed: true, complete: false, added };
      }
      await record(chunk);
    }
    await deps.store.updateClusterStatus(cluster.id, { listedUntil: Math.min(now, start + DAY_SECONDS) });
  }
  return { listed: true, complete: true, added };
}
