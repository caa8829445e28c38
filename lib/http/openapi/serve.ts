import type { PageServer } from '../page/serve';
import type { HttpEvent, HttpResult } from '../types';
import { buildOpenApiDocument, OPENAPI_PATH } from './document';

/** Built once per container: the schemas do not change while it runs. */
const body = JSON.stringify(buildOpenApiDocument());

const result: HttpResult = {
  statusCode: 200,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300', 'x-content-type-options': 'nosniff' },
  body,
};

/** `GET /openapi.json`, no token needed; undefined for every other request. */
export function serveOpenApi(event: HttpEvent): HttpResult | undefined {
  const method = event.requestContext?.http?.method ?? 'GET';
  const path = event.rawPath ?? event.requestContext?.http?.path ?? '';
  if (path !== OPENAPI_PATH || (method !== 'GET' && method !== 'HEAD')) return undefined;
  return { ...result, headers: { ...result.headers } };
}

/** The page server with the document in front of it. */
export function withOpenApi(page: PageServer): PageServer {
  return (event) => serveOpenApi(event) ?? page(event);
}
