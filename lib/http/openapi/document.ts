import { OpenApiGeneratorV31, OpenAPIRegistry, type ResponseConfig, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { ZodTypeAny } from 'zod';
import type { Board } from '../../app/board';
import { roleName } from '../auth/roles';
import { boardRoutes } from '../routes';
import { bulkActionBody, deleteClusterQuery, emptyBody, enforceBody, listRecommendationsQuery, registerClusterBody, scopePatchBody } from '../schemas';
import {
  actionResultSchema,
  boardConfigSchema,
  bulkResultSchema,
  clusterId,
  clusterListSchema,
  clusterSchema,
  deletionAcceptedSchema,
  errorSchema,
  namespaceName,
  recommendationDetailsSchema,
  recommendationPageSchema,
  scopeSchema,
  type ErrorStatus,
} from './response-schemas';
import { z } from './zod';

export const OPENAPI_PATH = '/openapi.json';
const BEARER = 'bearerAuth';
const JSON_TYPE = 'application/json';

const ERROR_TEXT: Record<ErrorStatus, string> = {
  400: 'Bad input: an invalid path parameter, query, JSON body or value; `details` names the field',
  401: 'No token, or a token that is invalid or expired',
  403: 'The token lacks the role this operation needs',
  404: 'Unknown cluster or namespace',
  409: 'Conflicting state or a concurrent change',
  413: 'The request body is too large',
  500: 'Internal error',
  503: 'A dependency (state store, token keys) is unavailable; retry later',
};

const errorSchemas = new Map<ErrorStatus, ZodTypeAny>();
function errorResponse(status: ErrorStatus, description = ERROR_TEXT[status]): ResponseConfig {
  let schema = errorSchemas.get(status);
  if (!schema) errorSchemas.set(status, (schema = errorSchema(status)));
  const headers: ResponseConfig['headers'] =
    status === 401
      ? { 'WWW-Authenticate': { description: 'The Bearer challenge (RFC 6750)', schema: { type: 'string' as const } } }
      : status === 503
        ? { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'string' as const } } }
        : undefined;
  return { description, content: { [JSON_TYPE]: { schema } }, ...(headers ? { headers } : {}) };
}

const ok = (description: string, schema: ZodTypeAny): ResponseConfig => ({ description, content: { [JSON_TYPE]: { schema } } });

interface Operation {
  readonly summary: string;
  readonly request?: RouteConfig['request'];
  readonly responses: Record<number, ResponseConfig>;
  /** Error statuses beyond those every API route can answer (400, 401, 403, 500, 503). */
  readonly errors?: readonly ErrorStatus[];
}

const clusterParams = z.object({ cluster: clusterId });
const namespaceParams = z.object({ cluster: clusterId, namespace: namespaceName });
const jsonBody = (schema: ZodTypeAny, required: boolean) => ({ required, content: { [JSON_TYPE]: { schema } } });

function action(summary: string, body: ZodTypeAny): Operation {
  return {
    summary,
    request: { params: namespaceParams, body: jsonBody(body, false) },
    responses: { 200: ok('The result; `changed: false` when the recommendation was already there (idempotent)', actionResultSchema) },
    errors: [404, 409, 413],
  };
}

/** Everything the document says about each route of routes.ts, keyed by `METHOD path`. */
const OPERATIONS: Record<string, Operation> = {
  'GET /clusters': { summary: 'Registered clusters with their last run and last push summaries', responses: { 200: ok('The clusters', clusterListSchema) } },
  'PUT /clusters/{cluster}': {
    summary: 'Register a cluster or update its registration',
    request: { params: clusterParams, body: jsonBody(registerClusterBody, true) },
    responses: { 200: ok('Updated', clusterSchema), 201: ok('Registered', clusterSchema) },
    errors: [409, 413],
  },
  'GET /clusters/{cluster}': {
    summary: 'One cluster (`state: deleting` while it is being removed)',
    request: { params: clusterParams },
    responses: { 200: ok('The cluster', clusterSchema) },
    errors: [404],
  },
  'DELETE /clusters/{cluster}': {
    summary: 'Unregister: a background job removes the state (with `purge=true`, also our objects in the cluster)',
    request: { params: clusterParams, query: deleteClusterQuery },
    responses: { 202: ok('Accepted: the cluster shows `state: deleting` until it is gone', deletionAcceptedSchema) },
    errors: [404],
  },
  'GET /clusters/{cluster}/scope': {
    summary: 'The scope, defaults filled in',
    request: { params: clusterParams },
    responses: { 200: ok('The scope', scopeSchema) },
    errors: [404],
  },
  'PATCH /clusters/{cluster}/scope': {
    summary: 'JSON merge patch of the scope (`null` restores a default)',
    request: { params: clusterParams, body: { required: true, content: { 'application/merge-patch+json': { schema: scopePatchBody }, [JSON_TYPE]: { schema: scopePatchBody } } } },
    responses: { 200: ok('The scope after the patch', scopeSchema) },
    errors: [404, 409, 413],
  },
  'GET /clusters/{cluster}/recommendations': {
    summary: 'The board: recommendation summaries by namespace, optionally one tab, a page at a time',
    request: { params: clusterParams, query: listRecommendationsQuery },
    responses: { 200: ok('A page of summaries', recommendationPageSchema) },
    errors: [404],
  },
  'POST /clusters/{cluster}/recommendations/actions': {
    summary: 'One action on many namespaces; a result per namespace, in the order asked',
    request: { params: clusterParams, body: jsonBody(bulkActionBody, true) },
    responses: { 200: ok('Per-namespace results', bulkResultSchema) },
    errors: [404, 413],
  },
  'GET /clusters/{cluster}/recommendations/{namespace}': {
    summary: 'One recommendation: rules with evidence, impact and manifest; `Accept: application/yaml` gives the manifests as YAML',
    request: { params: namespaceParams },
    responses: {
      200: {
        description: 'The recommendation (JSON), or its StagedNetworkPolicy and domain NetworkSet (YAML stream)',
        content: { [JSON_TYPE]: { schema: recommendationDetailsSchema }, 'application/yaml': { schema: z.string() } },
      },
    },
    errors: [404],
  },
  'POST /clusters/{cluster}/recommendations/{namespace}/activate': action('Add to the policy board: Learn → Set', emptyBody),
  'POST /clusters/{cluster}/recommendations/{namespace}/dismiss': action('Dismiss: Learn or Set → Ignore; updates stop', emptyBody),
  'POST /clusters/{cluster}/recommendations/{namespace}/reactivate': action('Reactivate: Ignore → Learn; learning resumes', emptyBody),
  'POST /clusters/{cluster}/recommendations/{namespace}/enforce': action('Enforce an active recommendation; 409 WouldDeny unless `force`', enforceBody),
};

const COMMON_ERRORS: readonly ErrorStatus[] = [400, 401, 403, 500, 503];

function register(registry: OpenAPIRegistry, method: string, path: string, role: 'viewer' | 'admin', op: Operation): void {
  const statuses = [...new Set([...COMMON_ERRORS, ...(op.errors ?? [])])].sort((a, b) => a - b);
  const responses: Record<number, ResponseConfig> = { ...op.responses };
  for (const s of statuses) responses[s] = errorResponse(s);
  registry.registerPath({
    method: method.toLowerCase() as RouteConfig['method'],
    path,
    summary: op.summary,
    description: `Needs the role \`${roleName(role)}\`${role === 'viewer' ? ' (or admin)' : ''}.`,
    security: [{ [BEARER]: [roleName(role)] }],
    ...(op.request ? { request: op.request } : {}),
    responses,
  });
}

function registerPublic(registry: OpenAPIRegistry): void {
  const open = { security: [] };
  registry.registerPath({
    method: 'get',
    path: '/',
    summary: 'The board web page',
    ...open,
    responses: { 200: { description: 'index.html', content: { 'text/html': { schema: z.string() } } }, 503: errorResponse(503, 'The page is not built into this deployment') },
  });
  registry.registerPath({
    method: 'get',
    path: '/assets/{asset}',
    summary: "The page's hashed files (scripts, styles, images)",
    ...open,
    request: { params: z.object({ asset: z.string() }) },
    responses: { 200: { description: 'The file, cached for a year', content: { '*/*': { schema: z.string() } } }, 404: errorResponse(404, 'No such file') },
  });
  registry.registerPath({
    method: 'get',
    path: '/board-config.json',
    summary: "The page's sign-in settings",
    ...open,
    responses: { 200: ok('OIDC settings, or null', boardConfigSchema) },
  });
  registry.registerPath({
    method: 'get',
    path: OPENAPI_PATH,
    summary: 'This document',
    ...open,
    responses: { 200: { description: 'The OpenAPI 3.1 description of this API', content: { [JSON_TYPE]: { schema: z.object({}).passthrough() } } } },
  });
}

/** The document: every route of routes.ts (an undocumented route fails here), the page and this file. */
export function buildOpenApiDocument() {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', BEARER, {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: `Roles come from a token claim (default \`groups\`): ${roleName('viewer')} may read, ${roleName('admin')} may also act, change scope and register clusters.`,
  });
  registerPublic(registry);
  // The routes themselves say which methods, paths and roles exist; their handlers are never called here.
  for (const r of boardRoutes({} as Board)) {
    const op = OPERATIONS[`${r.method} ${r.path}`];
    if (!op) throw new Error(`no OpenAPI description for ${r.method} ${r.path}`);
    register(registry, r.method, r.path, r.role, op);
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'policy-recommender',
      version: '1',
      description: 'Learns per-namespace Calico isolation policies from flow logs and stages them on a board. Errors are `{"error": {"code", "message", "details"?}}`.',
    },
  });
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

/** Documented operations as `METHOD path` (page routes and this document included). */
export function documentedOperations(doc: OpenApiDocument): string[] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'].filter((m) => (item as Record<string, unknown>)[m] !== undefined).map((m) => `${m.toUpperCase()} ${path}`),
  );
}
