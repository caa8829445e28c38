import { describe, expect, it } from 'vitest';
import type { Board } from '../../lib/app/board';
import { StoreError } from '../../lib/app/errors';
import { loadAuthConfig } from '../../lib/config/auth';
import { createApiHandler } from '../../lib/http/api';
import { createVerifier } from '../../lib/http/auth/verifier';
import { MAX_BODY_BYTES } from '../../lib/http/middleware/body-limit';
import { ADMIN, randomSecret, signHs256, VIEWER } from '../support/jwt';
import { call, httpEvent } from './events';

const NOW = 1_788_264_000;
const secret = randomSecret();
const verifier = createVerifier(loadAuthConfig({ AUTH_HS256_SECRET: secret }), { now: () => new Date(NOW * 1000) });

/** A board that records calls and answers from a script: these tests are about the HTTP layer. */
function fakeBoard(overrides: Partial<Board> = {}): Board {
  const unused = async (): Promise<never> => {
    throw new Error('not scripted');
  };
  return {
    listClusters: async () => [],
    getCluster: unused,
    registerCluster: unused,
    unregisterCluster: unused,
    getScope: unused,
    patchScope: unused,
    listRecommendations: unused,
    getRecommendation: unused,
    act: unused,
    bulkAct: unused,
    enforce: unused,
    ...overrides,
  };
}

function api(board = fakeBoard(), lines: string[] = [], withVerifier = true) {
  return createApiHandler({ board, verifier: withVerifier ? verifier : undefined, log: { logger: capture(lines), nowMs: () => 0 } });
}

/** Records each request line as the JSON the logger would print (level, message, fields). */
function capture(lines: string[]) {
  const line = (level: string) => (msg: string, fields: Record<string, unknown>) => lines.push(JSON.stringify({ level, msg, ...fields }));
  return { info: line('info'), error: line('error') };
}

const admin = () => signHs256(secret, { now: NOW, sub: 'alice', groups: [ADMIN] });
const viewer = () => signHs256(secret, { now: NOW, sub: 'bob', groups: [VIEWER] });

describe('authentication middleware', () => {
  it('answers 401 with a Bearer challenge when the token is missing', async () => {
    const r = await call(api(), httpEvent('GET', '/clusters'));
    expect(r.status).toBe(401);
    expect(r.headers['www-authenticate']).toBe('Bearer');
    expect(r.json).toEqual({ error: { code: 'Unauthorized', message: 'an Authorization: Bearer <token> header is required' } });
  });

  it('answers 401 invalid_token for another scheme or a malformed token', async () => {
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer not-a-jwt', `Bearer ${'a'.repeat(20_000)}.b.c`]) {
      const r = await call(api(), httpEvent('GET', '/clusters', { headers: { authorization } }));
      expect(r.status).toBe(401);
      expect(r.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    }
  });

  it('refuses every request when no verifier is configured (fail closed)', async () => {
    const r = await call(api(fakeBoard(), [], false), httpEvent('GET', '/clusters', { token: await admin() }));
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ error: { code: 'Unauthorized', message: expect.stringContaining('not configured') } });
  });

  it('lets a viewer read but answers 403 naming the admin role when a viewer writes', async () => {
    expect((await call(api(), httpEvent('GET', '/clusters', { token: await viewer() }))).status).toBe(200);
    const r = await call(api(), httpEvent('POST', '/clusters/c1/recommendations/shop/activate', { token: await viewer() }));
    expect(r.status).toBe(403);
    expect(r.json).toEqual({ error: { code: 'Forbidden', message: 'this operation needs the policy-recommender-admin role', details: { requiredRole: ADMIN } } });
  });

  it('answers 403 to a valid token that carries neither role', async () => {
    const token = await signHs256(secret, { now: NOW, groups: ['someone-else'] });
    expect((await call(api(), httpEvent('GET', '/clusters', { token }))).status).toBe(403);
  });
});

describe('body middlewares', () => {
  it('answers 413 for a body over 1 MiB, counted in decoded bytes for base64 bodies', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(MAX_BODY_BYTES) });
    for (const base64 of [false, true]) {
      const r = await call(api(), httpEvent('PUT', '/clusters/c1', { token: await admin(), rawBody: big, base64 }));
      expect(r.status).toBe(413);
      expect(r.json).toMatchObject({ error: { code: 'PayloadTooLarge', details: { limitBytes: MAX_BODY_BYTES } } });
    }
  });

  it('parses base64-encoded JSON bodies', async () => {
    let got: unknown;
    const board = fakeBoard({ act: async (c, ns, a) => ((got = [c, ns, a]), { changed: true, namespace: ns, tab: 'active', stagedAction: 'Set', version: 2 }) });
    const r = await call(api(board), httpEvent('POST', '/clusters/c1/recommendations/shop/activate', { token: await admin(), body: {}, base64: true }));
    expect(r.status).toBe(200);
    expect(got).toEqual(['c1', 'shop', 'activate']);
  });

  it('answers 400 MalformedJson for a body that is not JSON, whatever its content type', async () => {
    const r = await call(api(), httpEvent('PUT', '/clusters/c1', { token: await admin(), rawBody: '{"flowLogs": ', headers: { 'content-type': 'text/plain' } }));
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ error: { code: 'MalformedJson' } });
  });
});

describe('error mapping and request log', () => {
  it('answers 404 RouteNotFound for a path the API does not have', async () => {
    const r = await call(api(), httpEvent('GET', '/nothing/here', { token: await viewer() }));
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({ error: { code: 'RouteNotFound' } });
  });

  it('hides an unexpected error behind 500 InternalError and logs its cause', async () => {
    const lines: string[] = [];
    const board = fakeBoard({ listClusters: async () => Promise.reject(new Error('secret internals at /var/task')) });
    const r = await call(api(board, lines), httpEvent('GET', '/clusters', { token: await viewer() }));
    expect(r.status).toBe(500);
    expect(r.json).toEqual({ error: { code: 'InternalError', message: 'internal error (request req-1)' } });
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'error', status: 500, error: { message: 'secret internals at /var/task' } });
  });

  it('answers 503 StoreUnavailable when the state store fails', async () => {
    const board = fakeBoard({ listClusters: async () => Promise.reject(new StoreError('DynamoDB throttled')) });
    const r = await call(api(board), httpEvent('GET', '/clusters', { token: await viewer() }));
    expect(r.status).toBe(503);
    expect(r.json).toMatchObject({ error: { code: 'StoreUnavailable' } });
  });

  it('logs one line per request with method, route, status, duration and subject, never the token or body', async () => {
    const lines: string[] = [];
    const token = await admin();
    const body = { flowLogs: { bucket: 'b', prefix: 'p' }, target: { kubeconfigSecret: 'very-private-name' }, extra: 'x' };
    await call(api(fakeBoard(), lines), httpEvent('PUT', '/clusters/c1', { token, body }));
    await call(api(fakeBoard(), lines), httpEvent('GET', '/clusters'));
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toEqual({
      level: 'info',
      msg: 'request',
      method: 'PUT',
      route: '/clusters/c1',
      status: 400,
      durationMs: 0,
      subject: 'alice',
      requestId: 'req-1',
    });
    expect(JSON.parse(lines[1]!)).toMatchObject({ status: 401 });
    const all = lines.join('\n');
    expect(all).not.toContain(token.split('.')[2]);
    expect(all).not.toContain('very-private-name');
  });
});
