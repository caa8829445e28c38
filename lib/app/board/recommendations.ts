import { boardTab, type BoardTab } from '../../core/engine';
import { isDns1123Label } from '../../core/names';
import { RecommendationNotFoundError } from '../errors';
import { InvalidInputError } from './errors';
import type { BoardDeps } from './ports';
import { detailsView, summaryView, type RecommendationDetails, type RecommendationSummary } from './recommendation-view';
import { loadScope, requireCluster } from './scope';
import { impactOnBoard } from './impact';

export interface ListQuery {
  readonly tab?: BoardTab;
  readonly limit?: number;
  /** Opaque to clients: base64url of the last namespace of the previous page. */
  readonly cursor?: string;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor?: string;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export function encodeCursor(namespace: string): string {
  return Buffer.from(namespace, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  const namespace = Buffer.from(cursor, 'base64url').toString('utf8');
  // Round-trip check: Node's decoder skips junk silently, which would make any string "valid".
  if (!isDns1123Label(namespace) || encodeCursor(namespace) !== cursor) throw new InvalidInputError('cursor', 'is not a cursor this API returned');
  return namespace;
}

/** The board: recommendations sorted by namespace, optionally one tab, a page at a time. */
export async function listRecommendations(deps: BoardDeps, cluster: string, query: ListQuery): Promise<Page<RecommendationSummary>> {
  const limit = query.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new InvalidInputError('limit', `must be an integer from 1 to ${MAX_LIMIT}`);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  await requireCluster(deps, cluster);
  const { scope } = await loadScope(deps, cluster);
  // Filter and sort the stored items first: only the page returned is rendered.
  const all = (await deps.store.listRecommendations(cluster, { evidence: false }))
    .map((s) => s.value)
    .filter((r) => (query.tab === undefined || boardTab(r) === query.tab) && (after === undefined || r.namespace > after))
    .sort((a, b) => (a.namespace < b.namespace ? -1 : 1));
  const page = all.slice(0, limit);
  const impacts = page.length > 0 ? await deps.store.listImpacts(cluster) : new Map<string, never>();
  const now = deps.clock.now();
  const items = page.map((r) => summaryView(r, scope, impactOnBoard(r, impacts.get(r.namespace)?.value, scope, now)));
  const last = items[items.length - 1];
  return all.length > limit && last ? { items, nextCursor: encodeCursor(last.namespace) } : { items };
}

export async function getRecommendation(deps: BoardDeps, cluster: string, namespace: string): Promise<RecommendationDetails> {
  const stored = await deps.store.getRecommendation(cluster, namespace);
  if (!stored) {
    await requireCluster(deps, cluster);
    throw new RecommendationNotFoundError(cluster, namespace);
  }
  const { scope } = await loadScope(deps, cluster);
  const impact = (await deps.store.getImpact(cluster, namespace))?.value;
  return detailsView(stored, scope, impactOnBoard(stored.value, impact, scope, deps.clock.now()));
}
