import { Validator } from '@seriousme/openapi-schema-validator';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Board } from '../../lib/app/board';
import { ADMIN_ROLE, VIEWER_ROLE } from '../../lib/http/auth/roles';
import { buildOpenApiDocument, documentedOperations, OPENAPI_PATH } from '../../lib/http/openapi/document';
import { ERROR_CODES } from '../../lib/http/openapi/response-schemas';
import { serveOpenApi, withOpenApi } from '../../lib/http/openapi/serve';
import { PAGE_ROUTES } from '../../lib/http/page/serve';
import { boardRoutes } from '../../lib/http/routes';
import { httpEvent } from './events';
import { responseChecker } from './openapi-check';

const doc = buildOpenApiDocument();
const apiRoutes = boardRoutes({} as Board);

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(JSON.stringify(doc)) as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('documents every route of routes.ts, the page routes and itself, and nothing else', () => {
    const expected = [...apiRoutes.map((r) => `${r.method} ${r.path}`), ...PAGE_ROUTES, `GET ${OPENAPI_PATH}`].sort();
    expect(documentedOperations(doc).sort()).toEqual(expected);
  });

  it('names the role each operation needs and leaves the page and the document open', () => {
    const paths = doc.paths as Record<string, Record<string, { security?: Record<string, string[]>[]; responses: Record<string, unknown> }>>;
    for (const r of apiRoutes) {
      const op = paths[r.path]![r.method.toLowerCase()]!;
      expect(op.security).toEqual([{ bearerAuth: [r.role === 'admin' ? ADMIN_ROLE : VIEWER_ROLE] }]);
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '500', '503']));
      // Registering cannot miss a cluster; everything else under {cluster} can.
      if (r.path.includes('{cluster}') && r.method !== 'PUT') expect(Object.keys(op.responses)).toContain('404');
    }
    for (const key of [...PAGE_ROUTES, `GET ${OPENAPI_PATH}`]) {
      const [method, path] = key.split(' ') as [string, string];
      expect(paths[path]![method.toLowerCase()]!.security).toEqual([]);
    }
    expect(doc.components?.securitySchemes).toEqual({ bearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }) });
  });

  it('uses the request schemas that validate requests (strict bodies, query parameters)', () => {
    const paths = doc.paths as Record<string, Record<string, any>>;
    const put = paths['/clusters/{cluster}']!.put.requestBody.content['application/json'].schema;
    expect(put).toMatchObject({ type: 'object', required: ['flowLogs', 'target'], additionalProperties: false });
    const list = paths['/clusters/{cluster}/recommendations']!.get.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`);
    expect(list).toEqual(['path:cluster', 'query:tab', 'query:limit', 'query:cursor']);
    expect(paths['/clusters/{cluster}/recommendations/{namespace}/activate']!.post.requestBody.required).toBe(false);
  });

  it('lists every error code the code can answer under its status', () => {
    const source = ['lib/http/error-map.ts', 'lib/http/errors.ts', 'lib/http/page/serve.ts'].map((f) => readFileSync(f, 'utf8')).join('\n');
    const found = [
      ...[...source.matchAll(/status: (\d{3}), code: '(\w+)'/g)].map((m) => `${m[1]} ${m[2]}`),
      ...[...source.matchAll(/super\((\d{3}), '(\w+)'/g)].map((m) => `${m[1]} ${m[2]}`),
      ...[...source.matchAll(/json\((\d{3}), \{ error: \{ code: '(\w+)'/g)].map((m) => `${m[1]} ${m[2]}`),
    ];
    expect(found.length).toBeGreaterThan(20);
    const listed = Object.entries(ERROR_CODES).flatMap(([status, codes]) => codes.map((c) => `${status} ${c}`));
    expect(listed).toEqual(expect.arrayContaining(found));
  });

  it('is deterministic', () => {
    expect(JSON.stringify(buildOpenApiDocument())).toBe(JSON.stringify(doc));
  });

  it('is served at GET /openapi.json without a token, as JSON with a short cache', () => {
    const r = serveOpenApi(httpEvent('GET', OPENAPI_PATH));
    expect(r?.statusCode).toBe(200);
    expect(r?.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300' });
    expect(JSON.parse(r!.body)).toEqual(JSON.parse(JSON.stringify(doc)));
    responseChecker(doc)({ method: 'GET', path: OPENAPI_PATH, status: 200, contentType: r!.headers['content-type'], body: r!.body });
    expect(serveOpenApi(httpEvent('GET', OPENAPI_PATH))?.body).toBe(r!.body);
    expect(serveOpenApi(httpEvent('POST', OPENAPI_PATH))).toBeUndefined();
    expect(serveOpenApi(httpEvent('GET', '/clusters'))).toBeUndefined();
    const page = withOpenApi(() => ({ statusCode: 204, headers: {}, body: '' }));
    expect(page(httpEvent('GET', '/'))?.statusCode).toBe(204);
    expect(page(httpEvent('GET', OPENAPI_PATH))?.statusCode).toBe(200);
  });

  it('the checker refuses undocumented statuses, content types and bodies that do not match', () => {
    const check = responseChecker(doc);
    const json = 'application/json; charset=utf-8';
    const action = { changed: true, namespace: 'shop', tab: 'active', stagedAction: 'Set', version: 2 };
    expect(() => check({ method: 'POST', path: '/clusters/c1/recommendations/shop/activate', status: 200, contentType: json, body: JSON.stringify(action) })).not.toThrow();
    expect(() =>
      check({ method: 'POST', path: '/clusters/c1/recommendations/shop/activate', status: 200, contentType: json, body: JSON.stringify({ ...action, tab: 'gone' }) }),
    ).toThrow(/does not match/);
    expect(() => check({ method: 'POST', path: '/clusters/c1/recommendations/shop/activate', status: 418, contentType: json, body: '{}' })).toThrow(/not a documented status/);
    expect(() => check({ method: 'GET', path: '/clusters', status: 200, contentType: 'text/plain', body: '' })).toThrow(/content type/);
    expect(() => check({ method: 'GET', path: '/clusters', status: 401, contentType: json, body: JSON.stringify({ error: { code: 'Forbidden', message: 'x' } }) })).toThrow(
      /does not match/,
    );
    expect(() => check({ method: 'GET', path: '/nowhere', status: 200, contentType: json, body: '{}' })).toThrow(/no operation/);
  });
});
