import { dayPartitionPrefixes, isFlowLogKey } from '../../core/flowlog/keys';
import type { Cluster } from '../cluster';
import type { StateStore } from '../store';
import type { FlowArchive, ProcessLimits } from './ports';

/** Objects may land in S3 a little before their LastModified is visible in a listing. */
const LISTING_SLACK_SECONDS = 900;

function dayOf(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().slice(0, 10).replace(/-/g, '');
}

/** Every UTC day (YYYYMMDD) from `from` to `to`, inclusive. */
export function daysBetween(from: number, to: number): string[] {
  const days: string[] = [];
  for (let t = Math.floor(from / 86_400) * 86_400; t <= to; t += 86_400) days.push(dayOf(t));
  return days;
}

export interface DiscoveryResult {
  readonly listed: boolean;
  readonly added: number;
}

/**
 * Lists the day partitions into the ledger (architecture.md §3): on the first run after
 * registration (the initial lookback), on every run when notifications are off, and otherwise as
 * a periodic safety net. Adding is a conditional put, so overlapping listings are harmless.
 */
export async function discoverObjects(
  cluster: Cluster,
  lookbackSeconds: number,
  now: number,
  deps: { store: StateStore; archive: FlowArchive; limits: ProcessLimits },
): Promise<DiscoveryResult> {
  const last = cluster.listedUntil;
  const due = last === undefined || !deps.limits.notifications || now - last >= deps.limits.safetyListingSeconds;
  if (!due) return { listed: false, added: 0 };
  const from = last === undefined ? now - lookbackSeconds : last - LISTING_SLACK_SECONDS;
  const expiresAt = now + lookbackSeconds + deps.limits.ledgerTtlMarginSeconds;
  let added = 0;
  for (const day of daysBetween(from, now)) {
    for (const listPrefix of dayPartitionPrefixes(cluster.flowLogs.prefix, day)) {
      for await (const obj of deps.archive.list(cluster.flowLogs.bucket, listPrefix)) {
        if (obj.lastModified < from || !isFlowLogKey(cluster.flowLogs.prefix, obj.key)) continue;
        const entry = { key: obj.key, size: obj.size, etag: obj.etag, arrivedAt: obj.lastModified };
        if (await deps.store.addObject(cluster.id, entry, expiresAt)) added++;
      }
    }
  }
  await deps.store.updateClusterStatus(cluster.id, { listedUntil: now });
  return { listed: true, added };
}
