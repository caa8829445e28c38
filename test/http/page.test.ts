import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../lib/config/env';
import { loadPageConfig } from '../../lib/config/page';
import { findAssetsDir, loadPageAssets, type PageAssets } from '../../lib/http/page/assets';
import { createPageServer, PAGE_ROUTES, withBoardPage } from '../../lib/http/page/serve';
import type { HttpEvent, HttpResult } from '../../lib/http/types';

const get = (path: string, method = 'GET') => ({ rawPath: path, requestContext: { http: { method, path } }, headers: {} }) as unknown as HttpEvent;

describe('the board page served by the api function', () => {
  let dir: string;
  let assets: PageAssets;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pr-page-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><script type="module" src="/assets/index-abc.js"></script>');
    await writeFile(join(dir, 'assets/index-abc.js'), 'console.log(1)');
    await writeFile(join(dir, 'assets/index-abc.css'), 'body{}');
    await writeFile(join(dir, 'assets/logo-abc.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    assets = loadPageAssets(findAssetsDir(['/nonexistent', dir])!);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('serves index.html uncached with a strict CSP that lets the page reach only itself and the OIDC issuer', () => {
    const serve = createPageServer(assets, { oidc: { issuer: 'https://login.example.com/realms/x', clientId: 'board', scope: 'openid' }, extraOrigins: ['https://t.example.com'] });
    const res = serve(get('/'))!;
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    const csp = res.headers['content-security-policy']!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self' https://login.example.com https://t.example.com;");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('serves hashed files for a year with their content types, binary ones base64-encoded', () => {
    const serve = createPageServer(assets, {});
    const js = serve(get('/assets/index-abc.js'))!;
    expect(js.headers).toMatchObject({ 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' });
    expect(js.body).toBe('console.log(1)');
    expect(serve(get('/assets/index-abc.css'))!.headers['content-type']).toBe('text/css; charset=utf-8');
    const png = serve(get('/assets/logo-abc.png')) as HttpResult & { isBase64Encoded?: boolean };
    expect(png).toMatchObject({ isBase64Encoded: true, body: Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64') });
    expect(serve(get('/assets/../index.html'))!.statusCode).toBe(404);
  });

  it('tells the page how to sign in, and says so when the page was not built', () => {
    expect(JSON.parse(createPageServer(undefined, {})(get('/board-config.json'))!.body)).toEqual({ oidc: null });
    expect(createPageServer(undefined, {})(get('/'))!.statusCode).toBe(503);
  });

  it('leaves every other request to the API, unchanged', async () => {
    const serve = createPageServer(assets, {});
    expect(serve(get('/clusters'))).toBeUndefined();
    expect(serve(get('/', 'POST'))).toBeUndefined();
    const api = async () => ({ statusCode: 418, headers: {}, body: 'api' });
    const handler = withBoardPage(serve, api);
    expect((await handler(get('/clusters'), {} as Context)).statusCode).toBe(418);
    expect((await handler(get('/'), {} as Context)).statusCode).toBe(200);
  });

  it('reads OIDC settings in pairs and only over https', () => {
    expect(loadPageConfig({})).toEqual({});
    expect(loadPageConfig({ BOARD_OIDC_ISSUER: 'https://id.example.com/', BOARD_OIDC_CLIENT_ID: 'c' }).oidc).toEqual({
      issuer: 'https://id.example.com',
      clientId: 'c',
      scope: 'openid',
    });
    expect(() => loadPageConfig({ BOARD_OIDC_ISSUER: 'https://id.example.com' })).toThrow(ConfigError);
    expect(() => loadPageConfig({ BOARD_OIDC_ISSUER: 'http://id.example.com', BOARD_OIDC_CLIENT_ID: 'c' })).toThrow(ConfigError);
    expect(loadPageConfig({ BOARD_OIDC_EXTRA_ORIGINS: 'https://a.auth.example.com/, https://b.example.com:8443' }).extraOrigins).toEqual([
      'https://a.auth.example.com',
      'https://b.example.com:8443',
    ]);
    expect(() => loadPageConfig({ BOARD_OIDC_EXTRA_ORIGINS: "https://x.com; script-src 'unsafe-inline'" })).toThrow(ConfigError);
  });

  it('has its routes declared on the api function, so API Gateway sends them there in AWS too', async () => {
    const yml = await readFile(join(__dirname, '../../serverless.yml'), 'utf8');
    const api = yml.slice(yml.indexOf('\n  api:'));
    for (const route of PAGE_ROUTES) expect(api).toContain(`- httpApi: '${route}'`);
    expect(api).toContain('- board/dist/**');
  });
});
