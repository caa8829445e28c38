import { isFlowLogKey } from '../core/flowlog/keys';
import { resolveScope } from '../core/scope';
import type { Cluster } from './cluster';
import type { StateStore } from './store';

export interface CreatedObject {
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  readonly etag: string;
  /** Unix seconds. */
  readonly arrivedAt: number;
}

export interface IndexResult {
  readonly recorded: number;
  readonly duplicates: number;
  readonly ignored: number;
}

/**
 * indexFlowLogs: maps each created object to the cluster whose bucket + prefix holds it and
 * records it as pending. Keys that are not flow logs (dns, l7, audit…) or belong to no cluster are
 * ignored. Registered prefixes never overlap (registration refuses it), so at most one matches.
 */
export async function indexObjects(objects: readonly CreatedObject[], clusters: readonly Cluster[], store: StateStore, ledgerTtlMarginSeconds: number): Promise<IndexResult> {
  let recorded = 0;
  let duplicates = 0;
  let ignored = 0;
  const lookback = new Map<string, number>();
  for (const obj of objects) {
    const cluster = clusters.find((c) => c.flowLogs.bucket === obj.bucket && isFlowLogKey(c.flowLogs.prefix, obj.key));
    if (!cluster) {
      ignored++;
      continue;
    }
    if (!lookback.has(cluster.id)) lookback.set(cluster.id, resolveScope((await store.getScope(cluster.id))?.value ?? {}).initialLookbackSeconds);
    const expiresAt = obj.arrivedAt + lookback.get(cluster.id)! + ledgerTtlMarginSeconds;
    const added = await store.addObject(cluster.id, { key: obj.key, size: obj.size, etag: obj.etag, arrivedAt: obj.arrivedAt }, expiresAt);
    if (added) recorded++;
    else duplicates++;
  }
  return { recorded, duplicates, ignored };
}
