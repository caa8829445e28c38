import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBoard } from '../../lib/app/board';
import { deleteClusterState } from '../../lib/app/jobs/delete-cluster';
import type { StateStore } from '../../lib/app/store';
import { loadAuthConfig } from '../../lib/config/auth';
import { createApiHandler } from '../../lib/http/api';
import { createVerifier } from '../../lib/http/auth/verifier';
import { freshStore } from '../support/aws';
import { ADMIN, randomSecret, signHs256, VIEWER } from '../support/jwt';
import { call, httpEvent, type EventOptions } from './events';
import { domainsRule, recommendation } from './fixtures';
import { clockOf } from '../../lib/core/engine';
import { buildOpenApiDocument } from '../../lib/http/openapi/document';
import { responseChecker } from './openapi-check';

const checkResponse = responseChecker(buildOpenApiDocument());

const NOW = 1_788_264_000;
const secret = randomSecret();

describe('API routes over the real store (DynamoDB emulator)', () => {
  let store: StateStore;
  let handler: ReturnType<typeof createApiHandler>;
  let admin: string;
  let viewer: string;
  // Every answer is checked against the OpenAPI document: status, content type and body.
  const send = async (method: string, path: string, o: EventOptions = {}) => {
    const answer = await call(handler, httpEvent(method, path, { token: admin, ...o }));
    checkResponse({ method, path, status: answer.status, contentType: answer.headers['content-type'], body: answer.body });
    return answer;
  };

  beforeAll(async () => {
    store = (await freshStore()).store;
    const verifier = createVerifier(loadAuthConfig({ AUTH_HS256_SECRET: secret }), { now: () => new Date(NOW * 1000) });
    handler = createApiHandler({ board: createBoard({ store, clock: clockOf(() => NOW) }), verifier, log: { logger: { info() {}, error() {} } } });
    admin = await signHs256(secret, { now: NOW, groups: [ADMIN] });
    viewer = await signHs256(secret, { now: NOW, groups: [VIEWER] });
  });

  it('PUT registers (201), PUT again updates (200), GET /clusters lists it', async () => {
    const body = { flowLogs: { bucket: 'flows', prefix: 'c1' }, target: { directory: '/tmp/out' } };
    expect((await send('PUT', '/clusters/c1', { body })).status).toBe(201);
    const again = await send('PUT', '/clusters/c1', { body: { ...body, clusterDomain: 'corp.local' } });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ id: 'c1', clusterDomain: 'corp.local', registeredAt: '2026-09-01T12:00:00Z' });
    expect((await send('GET', '/clusters', { token: viewer })).json).toMatchObject({ items: [{ id: 'c1', lastRun: null, lastPush: null }] });
  });

  it.each([
    ['an unknown field', { flowLogs: { bucket: 'flows', prefix: 'x' }, target: { directory: '/t' }, colour: 'red' }, [{ path: 'colour', message: 'unknown field' }]],
    [
      'two targets',
      { flowLogs: { bucket: 'flows', prefix: 'x' }, target: { directory: '/t', kubeconfigFile: '/k' } },
      [{ path: 'target', message: expect.stringContaining('exactly one') }],
    ],
    ['a missing bucket', { flowLogs: { prefix: 'x' }, target: { directory: '/t' } }, [{ path: 'flowLogs.bucket', message: 'Required' }]],
    ['a bad bucket name', { flowLogs: { bucket: 'No_Way', prefix: 'x' }, target: { directory: '/t' } }, [{ path: 'flowLogs.bucket', message: expect.any(String) }]],
  ])('PUT /clusters answers 400 ValidationError for %s', async (_, body, details) => {
    const r = await send('PUT', '/clusters/c2', { body });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ error: { code: 'ValidationError', details } });
  });

  it('PUT answers 409 for a prefix overlapping another cluster and 400 InvalidPath for a bad id', async () => {
    const r = await send('PUT', '/clusters/c2', { body: { flowLogs: { bucket: 'flows', prefix: 'c1/sub' }, target: { directory: '/t' } } });
    expect(r.status).toBe(409);
    expect(r.json).toMatchObject({ error: { code: 'FlowLogLocationConflict', details: { conflictsWith: 'c1' } } });
    expect((await send('PUT', '/clusters/Bad_Id', { body: {} })).json).toMatchObject({ error: { code: 'InvalidPath', details: { parameter: 'cluster' } } });
  });

  it('GET scope returns all fields; PATCH merges and answers 400 with the field for bad values', async () => {
    expect((await send('GET', '/clusters/c1/scope', { token: viewer })).json).toMatchObject({ interval: '150s', namespaceSpec: { recStatus: 'Disabled' } });
    const patched = await send('PATCH', '/clusters/c1/scope', { body: { namespaceSpec: { recStatus: 'Enabled' } }, headers: { 'content-type': 'application/merge-patch+json' } });
    expect(patched.json).toMatchObject({ interval: '150s', namespaceSpec: { recStatus: 'Enabled' } });
    const badDuration = await send('PATCH', '/clusters/c1/scope', { body: { interval: '5 minutes' } });
    expect(badDuration.status).toBe(400);
    expect(badDuration.json).toMatchObject({ error: { code: 'InvalidScope', details: { field: 'interval' } } });
    const badSelector = await send('PATCH', '/clusters/c1/scope', { body: { namespaceSpec: { selector: 'a == ' } } });
    expect(badSelector.json).toMatchObject({ error: { code: 'InvalidScope', details: { field: 'namespaceSpec.selector' } } });
    const unknown = await send('PATCH', '/clusters/c1/scope', { body: { namespaceSpec: { colour: 'red' } } });
    expect(unknown.json).toMatchObject({ error: { code: 'ValidationError', details: [{ path: 'namespaceSpec.colour' }] } });
  });

  it('lists the board with filters and pages, and validates the query', async () => {
    for (const ns of ['shop', 'cart', 'auth']) await store.putRecommendation('c1', recommendation(ns), null);
    const page = await send('GET', '/clusters/c1/recommendations', { token: viewer, query: { tab: 'recommendations', limit: '2' } });
    expect(page.json).toMatchObject({ items: [{ namespace: 'auth' }, { namespace: 'cart' }], nextCursor: expect.any(String) });
    const next = await send('GET', '/clusters/c1/recommendations', { token: viewer, query: { cursor: (page.json as { nextCursor: string }).nextCursor } });
    expect(next.json).toEqual({ items: [expect.objectContaining({ namespace: 'shop', ruleCounts: { egress: 2, ingress: 1 } })] });
    const badQueries: Record<string, string>[] = [{ limit: '0' }, { limit: 'ten' }, { tab: 'archived' }, { sort: 'name' }];
    for (const query of badQueries) {
      expect((await send('GET', '/clusters/c1/recommendations', { query })).json).toMatchObject({ error: { code: 'ValidationError' } });
    }
  });

  it('GET details as JSON, and as a YAML stream with the domain NetworkSet first', async () => {
    const d = await send('GET', '/clusters/c1/recommendations/shop', { token: viewer });
    expect(d.json).toMatchObject({ namespace: 'shop', version: 1, publishedVersion: null, rules: { egress: [{ kind: 'Domains' }, { kind: 'Namespace' }] } });
    await store.putRecommendation('c1', recommendation('big', { egress: ['a.io', 'b.io', 'c.io'].map((x, i) => domainsRule(x, 400 + i)) }), null);
    await send('PATCH', '/clusters/c1/scope', { body: { maxRules: 1 } });
    const y = await send('GET', '/clusters/c1/recommendations/big', { token: viewer, headers: { accept: 'application/yaml' } });
    expect(y.headers['content-type']).toMatch(/^application\/yaml/);
    expect(parseAllDocuments(y.body).map((doc) => doc.toJS().kind)).toEqual(['NetworkSet', 'StagedNetworkPolicy']);
    await send('PATCH', '/clusters/c1/scope', { body: { maxRules: null } });
  });

  it('actions: 200 changed, 200 no-op on repeat, 409 with the tab for an impossible one, 404s', async () => {
    expect((await send('POST', '/clusters/c1/recommendations/shop/activate')).json).toMatchObject({ changed: true, tab: 'active' });
    expect((await send('POST', '/clusters/c1/recommendations/shop/activate')).json).toMatchObject({ changed: false, tab: 'active' });
    await send('POST', '/clusters/c1/recommendations/shop/dismiss');
    const refused = await send('POST', '/clusters/c1/recommendations/shop/activate');
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ error: { code: 'InvalidTransition', details: { tab: 'dismissed', action: 'activate' } } });
    expect((await send('POST', '/clusters/c1/recommendations/ghost/activate')).json).toMatchObject({ error: { code: 'RecommendationNotFound' } });
    expect((await send('POST', '/clusters/c9/recommendations/shop/activate')).json).toMatchObject({ error: { code: 'ClusterNotFound' } });
    expect((await send('POST', '/clusters/c1/recommendations/Bad.NS/activate')).json).toMatchObject({ error: { code: 'InvalidPath', details: { parameter: 'namespace' } } });
    expect((await send('POST', '/clusters/c1/recommendations/shop/activate', { body: { force: true } })).status).toBe(400);
  });

  it('bulk: per-namespace results; 400 for duplicates, bad names and too many', async () => {
    const r = await send('POST', '/clusters/c1/recommendations/actions', { body: { action: 'activate', namespaces: ['cart', 'shop', 'nope'] } });
    expect(r.json).toEqual({
      items: [
        { namespace: 'cart', status: 'changed', tab: 'active' },
        { namespace: 'shop', status: 'invalidTransition', tab: 'dismissed' },
        { namespace: 'nope', status: 'notFound' },
      ],
    });
    for (const namespaces of [['a', 'a'], ['Not_Valid'], [], Array.from({ length: 501 }, (_, i) => `n${i}`)]) {
      expect((await send('POST', '/clusters/c1/recommendations/actions', { body: { action: 'activate', namespaces } })).status).toBe(400);
    }
    expect((await send('POST', '/clusters/c1/recommendations/actions', { body: { action: 'delete', namespaces: ['a'] } })).status).toBe(400);
  });

  it('PATCH of the tier answers 409 TierChangeRefused while active or dismissed recommendations exist', async () => {
    const r = await send('PATCH', '/clusters/c1/scope', { body: { namespaceSpec: { tierName: 'isolation-v2' } } });
    expect(r.status).toBe(409);
    expect(r.json).toMatchObject({ error: { code: 'TierChangeRefused', details: { from: 'namespace-isolation', to: 'isolation-v2', namespaces: ['cart', 'shop'] } } });
    expect((await send('GET', '/clusters/c1/scope', { token: viewer })).json).toMatchObject({ namespaceSpec: { tierName: 'namespace-isolation' } });
  });

  it('DELETE answers 202 and marks the cluster deleting (purge needs a way to reach clusters: 400); once the job ran, 404', async () => {
    expect((await send('DELETE', '/clusters/c1', { query: { purge: 'true' } })).json).toMatchObject({ error: { code: 'PurgeUnavailable' } });
    const accepted = await send('DELETE', '/clusters/c1');
    expect(accepted.status).toBe(202);
    expect(accepted.json).toEqual({ id: 'c1', state: 'deleting', purge: false });
    expect((await send('GET', '/clusters/c1')).json).toMatchObject({ id: 'c1', state: 'deleting' });
    const again = await send('PUT', '/clusters/c1', { body: { flowLogs: { bucket: 'flows', prefix: 'again' }, target: { directory: '/tmp/p' } } });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ error: { code: 'ClusterDeleting' } });

    const publishers = {
      open: async () => {
        throw new Error('no purge was asked for');
      },
    };
    const job = { store, publishers, owner: 'job-1', clock: clockOf(() => NOW), remainingMs: () => 60_000, leaseSeconds: 300, timeMarginMs: 1000 };
    expect(await deleteClusterState(job, (await store.getCluster('c1'))!.value)).toBe('deleted');
    expect((await send('GET', '/clusters/c1')).status).toBe(404);
    expect((await send('GET', '/clusters/c1/scope')).status).toBe(404);
    expect((await send('DELETE', '/clusters/c1')).json).toMatchObject({ error: { code: 'ClusterNotFound' } });
  });
});
