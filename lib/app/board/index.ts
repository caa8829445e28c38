import type { AnyBoardAction, BoardAction } from '../../core/engine';
import type { ScopeSpec } from '../../core/scope';
import { act, bulkAct, type ActionResult, type BulkItemResult } from './actions';
import { enforce, type EnforceOptions } from './enforce';
import { getCluster, listClusters, registerCluster, unregisterCluster, type ClusterRegistration } from './clusters';
import type { ClusterView } from './cluster-view';
import type { BoardDeps } from './ports';
import { getRecommendation, listRecommendations, type ListQuery, type Page } from './recommendations';
import type { RecommendationDetails, RecommendationSummary } from './recommendation-view';
import { getScope, patchScope } from './scope';

export type { ActionResult, BulkItemResult, BulkStatus } from './actions';
export type { ClusterRegistration } from './clusters';
export type { ClusterView, PushSummaryView } from './cluster-view';
export { ClusterDeletingError, FlowLogLocationConflictError, InvalidInputError, PurgeUnavailableError, TierChangeRefusedError } from './errors';
export { applyMergePatch } from './merge-patch';
export type { BoardDeps } from './ports';
export { DEFAULT_LIMIT, MAX_LIMIT, type ListQuery, type Page } from './recommendations';
export type { RecommendationDetails, RecommendationSummary, RuleView } from './recommendation-view';
export type { EnforceOptions } from './enforce';

/** The board's use cases bound to their ports: what the HTTP layer (and its tests) call. */
export interface Board {
  listClusters(): Promise<ClusterView[]>;
  getCluster(id: string): Promise<ClusterView>;
  registerCluster(id: string, input: ClusterRegistration): Promise<{ created: boolean; cluster: ClusterView }>;
  unregisterCluster(id: string, options: { purge: boolean }): Promise<{ id: string; state: 'deleting'; purge: boolean }>;
  getScope(cluster: string): Promise<ScopeSpec>;
  patchScope(cluster: string, patch: Record<string, unknown>): Promise<ScopeSpec>;
  listRecommendations(cluster: string, query: ListQuery): Promise<Page<RecommendationSummary>>;
  getRecommendation(cluster: string, namespace: string): Promise<RecommendationDetails>;
  act(cluster: string, namespace: string, action: BoardAction): Promise<ActionResult>;
  bulkAct(cluster: string, action: AnyBoardAction, namespaces: readonly string[], options?: { force?: boolean }): Promise<BulkItemResult[]>;
  enforce(cluster: string, namespace: string, options: EnforceOptions): Promise<ActionResult>;
}

export function createBoard(deps: BoardDeps): Board {
  return {
    listClusters: () => listClusters(deps),
    getCluster: (id) => getCluster(deps, id),
    registerCluster: (id, input) => registerCluster(deps, id, input),
    unregisterCluster: (id, options) => unregisterCluster(deps, id, options),
    getScope: (cluster) => getScope(deps, cluster),
    patchScope: (cluster, patch) => patchScope(deps, cluster, patch),
    listRecommendations: (cluster, query) => listRecommendations(deps, cluster, query),
    getRecommendation: (cluster, namespace) => getRecommendation(deps, cluster, namespace),
    act: (cluster, namespace, action) => act(deps, cluster, namespace, action),
    bulkAct: (cluster, action, namespaces, options) => bulkAct(deps, cluster, action, namespaces, options),
    enforce: (cluster, namespace, options) => enforce(deps, cluster, namespace, options),
  };
}
