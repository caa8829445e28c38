import type { PageServer } from '../page/serve';
import type { HttpEvent, HttpResult } from '../types';
import { buildOpenApiDocument, OPENAPI_PATH } from './document';

const HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300', 'x-content-type-options': 'nosniff' };

/**
 * Built once per container, on its first request (about 50 ms: not worth adding to every cold
 * start). The schemas do not change while the container runs, so every answer is the same text.
 */
let body: string | undefined;

/** `GET /openapi.json`, no token needed; undefined for every other request. */
export function serveOpenApi(event: HttpEvent): HttpResult | undefined {
  const method = event.requestContext?.http?.method ?? 'GET';
  const path = event.rawPath ?? event.requestContext?.http?.path ?? '';
  if (path !== OPENAPI_PATH || (method !== 'GET' && method !== 'HEAD')) return undefined;
  body ??= JSON.stringify(buildOpenApiDocument());
  return { statusCode: 200, headers: { ...HEADERS }, body };
}

/** The page server with the document in front of it. */
export function withOpenApi(page: PageServer): PageServer {
  return (event) => serveOpenApi(event) ?? page(event);
}
