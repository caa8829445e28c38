import { applyAction, boardTab, InvalidTransitionError, type AnyBoardAction, type BoardAction, type BoardTab, type Recommendation } from '../../core/engine';
import { WouldDenyError } from '../../core/impact';
import { enforceWithRetry } from './enforce';
import { ConcurrentUpdateError, RecommendationNotFoundError } from '../errors';
import type { BoardDeps } from './ports';
import { requireCluster } from './scope';

export interface ActionResult {
  readonly changed: boolean;
  readonly namespace: string;
  readonly tab: BoardTab;
  readonly stagedAction: Recommendation['stagedAction'];
  readonly version: number;
}

export type BulkStatus = 'changed' | 'unchanged' | 'conflict' | 'notFound' | 'invalidTransition' | 'wouldDeny' | 'error';

export interface BulkItemResult {
  readonly namespace: string;
  readonly status: BulkStatus;
  readonly tab?: BoardTab;
}

async function actOnce({ store }: BoardDeps, cluster: string, namespace: string, action: BoardAction): Promise<ActionResult> {
  const stored = await store.getRecommendation(cluster, namespace);
  if (!stored) throw new RecommendationNotFoundError(cluster, namespace);
  const { changed, rec } = applyAction(stored.value, action);
  const version = changed ? await store.putRecommendation(cluster, rec, stored) : stored.version;
  return { changed, namespace, tab: boardTab(rec), stagedAction: rec.stagedAction, version };
}

/**
 * Applies a board action, conditionally on the version read. Actions are idempotent and decided
 * on the state they are applied to, so after a lost race one re-read and retry is safe: the
 * concurrent change is kept, and a second loss is reported as a conflict.
 */
async function actWithRetry(deps: BoardDeps, cluster: string, namespace: string, action: BoardAction): Promise<ActionResult> {
  try {
    return await actOnce(deps, cluster, namespace, action);
  } catch (err) {
    if (!(err instanceof ConcurrentUpdateError)) throw err;
    return actOnce(deps, cluster, namespace, action);
  }
}

export async function act(deps: BoardDeps, cluster: string, namespace: string, action: BoardAction): Promise<ActionResult> {
  try {
    return await actWithRetry(deps, cluster, namespace, action);
  } catch (err) {
    // No recommendation may mean no cluster: say which.
    if (err instanceof RecommendationNotFoundError) await requireCluster(deps, cluster);
    throw err;
  }
}

function bulkStatus(err: unknown): Omit<BulkItemResult, 'namespace'> {
  if (err instanceof InvalidTransitionError) return { status: 'invalidTransition', tab: err.tab };
  if (err instanceof RecommendationNotFoundError) return { status: 'notFound' };
  if (err instanceof ConcurrentUpdateError) return { status: 'conflict' };
  if (err instanceof WouldDenyError) return { status: 'wouldDeny' };
  return { status: 'error' };
}

/** Bounds concurrent writes so a 500-namespace bulk does not burst the table's capacity. */
const BULK_PARALLELISM = 8;

/** Applies one action to many namespaces: each independently, results in the order asked. */
export async function bulkAct(
  deps: BoardDeps,
  cluster: string,
  action: AnyBoardAction,
  namespaces: readonly string[],
  options: { force?: boolean } = {},
): Promise<BulkItemResult[]> {
  await requireCluster(deps, cluster);
  const results = new Array<BulkItemResult>(namespaces.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < namespaces.length; i = next++) {
      const namespace = namespaces[i]!;
      try {
        const r = action === 'enforce' ? await enforceWithRetry(deps, cluster, namespace, { force: options.force ?? false }) : await actWithRetry(deps, cluster, namespace, action);
        results[i] = { namespace, status: r.changed ? 'changed' : 'unchanged', tab: r.tab };
      } catch (err) {
        results[i] = { namespace, ...bulkStatus(err) };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(BULK_PARALLELISM, namespaces.length) }, worker));
  return results;
}
