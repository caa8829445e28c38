import { boardTab, rfc3339 } from '../../core/engine';
import { requestEnforcement } from '../../core/impact';
import { ConcurrentUpdateError, RecommendationNotFoundError } from '../errors';
import type { ActionResult } from './actions';
import { impactOnBoard } from './impact';
import type { BoardDeps } from './ports';
import { loadScope, requireCluster } from './scope';

export interface EnforceOptions {
  /** Enforce although the staged policy would deny observed flows. */
  readonly force: boolean;
}

/** One attempt, decided on the recommendation and impact read here, written conditionally. */
async function enforceOnce(deps: BoardDeps, cluster: string, namespace: string, options: EnforceOptions): Promise<ActionResult> {
  const stored = await deps.store.getRecommendation(cluster, namespace);
  if (!stored) throw new RecommendationNotFoundError(cluster, namespace);
  const { scope } = await loadScope(deps, cluster);
  const now = deps.clock.now();
  const impact = impactOnBoard(stored.value, (await deps.store.getImpact(cluster, namespace))?.value, scope, now);
  const { changed, rec } = requestEnforcement(stored.value, impact, { force: options.force, now: rfc3339(now) });
  const version = changed ? await deps.store.putRecommendation(cluster, rec, stored) : stored.version;
  return { changed, namespace, tab: boardTab(rec), stagedAction: rec.stagedAction, version };
}

/** After a lost race, one re-read and retry, like the other board actions. */
export async function enforceWithRetry(deps: BoardDeps, cluster: string, namespace: string, options: EnforceOptions): Promise<ActionResult> {
  try {
    return await enforceOnce(deps, cluster, namespace, options);
  } catch (err) {
    if (!(err instanceof ConcurrentUpdateError)) throw err;
    return enforceOnce(deps, cluster, namespace, options);
  }
}

/**
 * `enforce` (docs/impact-and-enforce.md): active → enforced. The next push applies a Calico
 * NetworkPolicy with the same rules and then deletes the staged policy.
 */
export async function enforce(deps: BoardDeps, cluster: string, namespace: string, options: EnforceOptions): Promise<ActionResult> {
  try {
    return await enforceWithRetry(deps, cluster, namespace, options);
  } catch (err) {
    if (err instanceof RecommendationNotFoundError) await requireCluster(deps, cluster);
    throw err;
  }
}
