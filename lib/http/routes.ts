import type { Board } from '../app/board';
import type { BoardAction } from '../core/engine';
import { toYamlStream } from '../core/yaml';
import { route, type RouteSpec } from './route';
import { json, yaml } from './responses';
import { bulkActionBody, deleteClusterQuery, emptyBody, enforceBody, listRecommendationsQuery, noQuery, registerClusterBody, scopePatchBody } from './schemas';
import { validate } from './validate';
// Response bodies are checked against the OpenAPI response schemas' types (lib/http/openapi).
import type { ActionResultBody, BulkResultBody, ClusterBody, ClusterListBody, DeletionAcceptedBody, ScopeBody } from './openapi/response-schemas';

const YAML_TYPES = /\b(application\/(x-)?yaml|text\/yaml)\b/i;

function actionRoute(board: Board, action: BoardAction): RouteSpec {
  return route('POST', `/clusters/{cluster}/recommendations/{namespace}/${action}`, 'admin', async ({ params, query, body }) => {
    validate(noQuery, query);
    validate(emptyBody, body);
    return json(200, (await board.act(params.cluster, params.namespace, action)) satisfies ActionResultBody);
  });
}

/** The HTTP API: thin adapters from HTTP to the board's use cases. */
export function boardRoutes(board: Board): RouteSpec[] {
  return [
    route('GET', '/clusters', 'viewer', async ({ query }) => {
      validate(noQuery, query);
      return json(200, { items: await board.listClusters() } satisfies ClusterListBody);
    }),
    route('PUT', '/clusters/{cluster}', 'admin', async ({ params, query, body }) => {
      validate(noQuery, query);
      const result = await board.registerCluster(params.cluster, validate(registerClusterBody, body));
      return json(result.created ? 201 : 200, result.cluster satisfies ClusterBody);
    }),
    route('GET', '/clusters/{cluster}', 'viewer', async ({ params, query }) => {
      validate(noQuery, query);
      return json(200, (await board.getCluster(params.cluster)) satisfies ClusterBody);
    }),
    route('DELETE', '/clusters/{cluster}', 'admin', async ({ params, query }) => {
      const { purge } = validate(deleteClusterQuery, query);
      // Accepted: a background job removes the state (and with purge, our objects in the cluster).
      return json(202, (await board.unregisterCluster(params.cluster, { purge: purge === 'true' })) satisfies DeletionAcceptedBody);
    }),
    route('GET', '/clusters/{cluster}/scope', 'viewer', async ({ params, query }) => {
      validate(noQuery, query);
      return json(200, (await board.getScope(params.cluster)) satisfies ScopeBody);
    }),
    route('PATCH', '/clusters/{cluster}/scope', 'admin', async ({ params, query, body }) => {
      validate(noQuery, query);
      return json(200, (await board.patchScope(params.cluster, validate(scopePatchBody, body))) satisfies ScopeBody);
    }),
    route('GET', '/clusters/{cluster}/recommendations', 'viewer', async ({ params, query }) => {
      return json(200, await board.listRecommendations(params.cluster, validate(listRecommendationsQuery, query)));
    }),
    route('POST', '/clusters/{cluster}/recommendations/actions', 'admin', async ({ params, query, body }) => {
      validate(noQuery, query);
      const { action, namespaces, force } = validate(bulkActionBody, body);
      return json(200, { items: await board.bulkAct(params.cluster, action, namespaces, force === undefined ? undefined : { force }) } satisfies BulkResultBody);
    }),
    route('GET', '/clusters/{cluster}/recommendations/{namespace}', 'viewer', async ({ params, query, headers }) => {
      validate(noQuery, query);
      const details = await board.getRecommendation(params.cluster, params.namespace);
      if (!YAML_TYPES.test(headers.accept ?? '')) return json(200, details);
      // The domain set first: applied in this order, the policy's selector never points at nothing.
      const { policy, domainSet } = details.manifest;
      return yaml(200, toYamlStream(domainSet ? [domainSet, policy] : [policy]));
    }),
    actionRoute(board, 'activate'),
    actionRoute(board, 'dismiss'),
    actionRoute(board, 'reactivate'),
    route('POST', '/clusters/{cluster}/recommendations/{namespace}/enforce', 'admin', async ({ params, query, body }) => {
      validate(noQuery, query);
      const force = validate(enforceBody, body)?.force ?? false;
      return json(200, (await board.enforce(params.cluster, params.namespace, { force })) satisfies ActionResultBody);
    }),
  ];
}
