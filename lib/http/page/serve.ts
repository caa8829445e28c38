import type { Context } from 'aws-lambda';
import type { PageConfig } from '../../config/page';
import { json } from '../responses';
import type { HttpEvent, HttpResult } from '../types';
import type { PageAssets } from './assets';
import { contentSecurityPolicy, IMMUTABLE, pageHeaders } from './headers';

/** Routes of the page (serverless.yml declares the same ones). Everything else is the JSON API. */
export const PAGE_ROUTES = ['GET /', 'GET /assets/{asset}', 'GET /board-config.json'] as const;

export type PageServer = (event: HttpEvent) => HttpResult | undefined;

function notFound(what: string): HttpResult {
  return json(404, { error: { code: 'RouteNotFound', message: `no such file: ${what.slice(0, 200)}` } });
}

/**
 * Serves the built board: index.html never cached (it names the current hashed files), hashed
 * files cached for a year, and the sign-in settings the page reads at start. Returns undefined
 * for every other request, which then goes to the API.
 */
export function createPageServer(assets: PageAssets | undefined, config: PageConfig): PageServer {
  const oidcOrigin = config.oidc ? new URL(config.oidc.issuer).origin : undefined;
  const csp = contentSecurityPolicy([...(oidcOrigin ? [oidcOrigin] : []), ...(config.extraOrigins ?? [])]);
  const pageConfig = { oidc: config.oidc ?? null };
  return (event) => {
    const method = event.requestContext?.http?.method ?? 'GET';
    const path = event.rawPath ?? event.requestContext?.http?.path ?? '';
    if (method !== 'GET' && method !== 'HEAD') return undefined;
    if (path === '/board-config.json') return json(200, pageConfig);
    if (path === '/' || path === '/index.html') {
      if (!assets) return json(503, { error: { code: 'BoardNotBuilt', message: 'the board page is not built into this deployment (npm run build:board)' } });
      return { statusCode: 200, headers: pageHeaders(assets.index.contentType, 'no-cache', csp), body: assets.index.body };
    }
    if (path.startsWith('/assets/')) {
      const asset = assets?.hashed.get(path.slice('/assets/'.length));
      if (!asset) return notFound(path);
      const result: HttpResult & { isBase64Encoded?: boolean } = { statusCode: 200, headers: pageHeaders(asset.contentType, IMMUTABLE), body: asset.body };
      if (asset.base64) result.isBase64Encoded = true;
      return result;
    }
    return undefined;
  };
}

/** The API handler with the page in front of it; the API's own routes are untouched. */
export function withBoardPage<C extends Context>(page: PageServer, api: (event: HttpEvent, context: C) => Promise<HttpResult>) {
  return async (event: HttpEvent, context: C): Promise<HttpResult> => page(event) ?? api(event, context);
}
