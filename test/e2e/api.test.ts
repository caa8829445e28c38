import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { createDynamoContext, dynamoStateStore } from '../../lib/adapters/dynamodb';
import { ensureTable } from '../../lib/adapters/dynamodb/table';
import type { StateStore } from '../../lib/app/store';
import { recommendation } from '../http/fixtures';
import { responseChecker } from '../http/openapi-check';
import { buildOpenApiDocument } from '../../lib/http/openapi/document';
import { Validator } from '@seriousme/openapi-schema-validator';
import { dynamoConfig, freshBucket, s3Client } from '../support/aws';
import { ADMIN, nowSeconds, randomSecret, signHs256, VIEWER, type TokenOptions } from '../support/jwt';
import { isListening, startOffline, type Offline } from '../support/offline';

const AUDIENCE = 'policy-recommender-e2e';
const secret = randomSecret();
const stage = `e2e-${randomUUID().slice(0, 8)}`;
const openApi = buildOpenApiDocument();
/** Every answer the tests receive must be one the OpenAPI document describes. */
const checkResponse = responseChecker(openApi);
const token = (o: Partial<TokenOptions> = {}, key = secret) => signHs256(key, { now: nowSeconds(), aud: AUDIENCE, sub: 'e2e', ...o });

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: { error?: { code: string; details?: unknown } } & Record<string, unknown>;
}

describe('HTTP API end to end (serverless-offline, emulators, signed JWTs)', () => {
  let offline: Offline;
  let store: StateStore;
  let targetDir: string;
  let bucket: string;
  let admin: string;
  let viewer: string;

  async function send(method: string, path: string, o: { token?: string | null; body?: unknown; raw?: string; accept?: string } = {}): Promise<Reply> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const bearer = o.token === undefined ? admin : o.token;
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    if (o.accept) headers.accept = o.accept;
    const res = await fetch(`${offline.baseUrl}${path}`, { method, headers, body: o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body)) });
    const text = await res.text();
    checkResponse({ method, path, status: res.status, contentType: res.headers.get('content-type'), body: text });
    let json = {};
    try {
      json = JSON.parse(text);
    } catch {
      // YAML or empty bodies are checked through `text`.
    }
    return { status: res.status, headers: res.headers, text, json };
  }

  beforeAll(async () => {
    // The functions' table comes from serverless.yml: policy-recommender-<stage>.
    const table = `policy-recommender-${stage}`;
    await ensureTable(new DynamoDBClient(dynamoConfig()), table);
    store = dynamoStateStore(createDynamoContext(table, dynamoConfig()));
    bucket = await freshBucket(s3Client());
    targetDir = await mkdtemp(join(tmpdir(), 'pr-e2e-target-'));
    offline = await startOffline({
      stage,
      params: { authAudience: AUDIENCE, flowLogBucket: bucket },
      env: {
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
        S3_ENDPOINT: inject('s3Endpoint'),
        AUTH_HS256_SECRET: secret,
        FLOW_LOG_NOTIFICATIONS: 'off',
      },
    });
    admin = await token({ groups: [ADMIN] });
    viewer = await token({ groups: [VIEWER] });
  });

  afterAll(async () => {
    const port = offline ? Number(new URL(offline.baseUrl).port) : undefined;
    await offline?.stop();
    if (targetDir) await rm(targetDir, { recursive: true, force: true });
    if (port !== undefined) expect(await isListening(port)).toBe(false);
  });

  it('401 with a Bearer challenge: no token, bad signature, expired token, wrong audience', async () => {
    const cases = [
      null,
      await token({ groups: [ADMIN] }, randomSecret()),
      await token({ groups: [ADMIN], now: nowSeconds() - 7200, exp: nowSeconds() - 3600 }),
      await token({ groups: [ADMIN], aud: 'someone-else' }),
    ];
    for (const t of cases) {
      const r = await send('GET', '/clusters', { token: t });
      expect(r.status, offline.output()).toBe(401);
      expect(r.json.error?.code).toBe('Unauthorized');
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('GET /openapi.json needs no token and serves a valid OpenAPI 3.1 document, the one the answers are checked against', async () => {
    const r = await send('GET', '/openapi.json', { token: null });
    expect(r.status, offline.output()).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(r.headers.get('cache-control')).toBe('public, max-age=300');
    expect(r.json).toEqual(JSON.parse(JSON.stringify(openApi)));
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(r.text) as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('PUT /clusters/{cluster} registers (201) and GET /clusters lists it for a viewer', async () => {
    const r = await send('PUT', '/clusters/e2e', { body: { flowLogs: { bucket, prefix: 'e2e' }, target: { directory: targetDir } } });
    expect(r.status, offline.output()).toBe(201);
    expect(r.json).toMatchObject({ id: 'e2e', clusterDomain: 'cluster.local' });
    const list = await send('GET', '/clusters', { token: viewer });
    expect(list.json.items).toEqual([expect.objectContaining({ id: 'e2e', flowLogs: { bucket, prefix: 'e2e' } })]);
  });

  it('400 for malformed JSON, an unknown field and a bad namespace name in the path', async () => {
    expect((await send('PUT', '/clusters/e2e', { raw: '{"flowLogs": {' })).json.error?.code).toBe('MalformedJson');
    const unknown = await send('PUT', '/clusters/e2e', { body: { flowLogs: { bucket, prefix: 'e2e' }, target: { directory: targetDir }, owner: 'me' } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error).toMatchObject({ code: 'ValidationError', details: [{ path: 'owner', message: 'unknown field' }] });
    // A bucket the deployment's IAM role cannot read is refused at registration, not at the first run.
    const elsewhere = await send('PUT', '/clusters/e2e-other', { body: { flowLogs: { bucket: 'someone-elses-bucket', prefix: 'x' }, target: { directory: targetDir } } });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.json.error).toMatchObject({ code: 'ValidationError' });
    const badPath = await send('GET', '/clusters/e2e/recommendations/Not_A_Namespace', { token: viewer });
    expect(badPath.status).toBe(400);
    expect(badPath.json.error).toMatchObject({ code: 'InvalidPath', details: { parameter: 'namespace' } });
  });

  it('GET scope returns defaults; PATCH merges; 400 for a bad duration and a bad selector', async () => {
    expect((await send('GET', '/clusters/e2e/scope', { token: viewer })).json).toMatchObject({ interval: '150s', maxRules: 20 });
    expect((await send('PATCH', '/clusters/e2e/scope', { body: { maxRules: 30 } })).json).toMatchObject({ maxRules: 30, interval: '150s' });
    const duration = await send('PATCH', '/clusters/e2e/scope', { body: { stabilizationPeriod: 'ten minutes' } });
    expect(duration.status).toBe(400);
    expect(duration.json.error).toMatchObject({ code: 'InvalidScope', details: { field: 'stabilizationPeriod' } });
    const selector = await send('PATCH', '/clusters/e2e/scope', { body: { namespaceSpec: { selector: 'team in {a' } } });
    expect(selector.status).toBe(400);
    expect(selector.json.error).toMatchObject({ code: 'InvalidScope', details: { field: 'namespaceSpec.selector' } });
  });

  it('lists the board by tab with paging, and shows details as JSON and as YAML', async () => {
    for (const ns of ['shop', 'cart', 'auth']) await store.putRecommendation('e2e', recommendation(ns), null);
    const page = await send('GET', '/clusters/e2e/recommendations?tab=recommendations&limit=2', { token: viewer });
    expect(page.status).toBe(200);
    expect((page.json.items as { namespace: string }[]).map((i) => i.namespace)).toEqual(['auth', 'cart']);
    const rest = await send('GET', `/clusters/e2e/recommendations?cursor=${page.json.nextCursor as string}`, { token: viewer });
    expect(rest.json.items).toEqual([expect.objectContaining({ namespace: 'shop', ruleCounts: { egress: 2, ingress: 1 } })]);
    const details = await send('GET', '/clusters/e2e/recommendations/shop', { token: viewer });
    expect(details.json).toMatchObject({ namespace: 'shop', manifest: { policy: { kind: 'StagedNetworkPolicy' } }, rules: { ingress: [{ kind: 'Namespace' }] } });
    const yaml = await send('GET', '/clusters/e2e/recommendations/shop', { token: viewer, accept: 'application/yaml' });
    expect(yaml.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(parseAllDocuments(yaml.text).map((d) => d.toJS().metadata.name)).toEqual(['namespace-isolation.shop-recommendation']);
  });

  it('actions: activate (200), repeat is a 200 no-op, impossible transition 409, bulk per namespace', async () => {
    expect((await send('POST', '/clusters/e2e/recommendations/shop/activate')).json).toMatchObject({ changed: true, tab: 'active' });
    expect((await send('POST', '/clusters/e2e/recommendations/shop/activate')).json).toMatchObject({ changed: false, tab: 'active' });
    await send('POST', '/clusters/e2e/recommendations/cart/dismiss');
    const refused = await send('POST', '/clusters/e2e/recommendations/cart/activate');
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: 'InvalidTransition', details: { tab: 'dismissed' } });
    expect((await send('POST', '/clusters/e2e/recommendations/cart/reactivate')).json).toMatchObject({ changed: true, tab: 'recommendations' });
    const bulk = await send('POST', '/clusters/e2e/recommendations/actions', { body: { action: 'dismiss', namespaces: ['auth', 'ghost'] } });
    expect(bulk.json.items).toEqual([
      { namespace: 'auth', status: 'changed', tab: 'dismissed' },
      { namespace: 'ghost', status: 'notFound' },
    ]);
  });

  it('403 when a viewer acts, registers or patches', async () => {
    for (const [method, path, body] of [
      ['POST', '/clusters/e2e/recommendations/auth/reactivate', undefined],
      ['PUT', '/clusters/e2e', { flowLogs: { bucket, prefix: 'e2e' }, target: { directory: targetDir } }],
      ['PATCH', '/clusters/e2e/scope', { maxRules: 5 }],
    ] as const) {
      const r = await send(method, path, { token: viewer, body });
      expect(r.status).toBe(403);
      expect(r.json.error?.code).toBe('Forbidden');
    }
  });

  it('404 for an unknown cluster and an unknown namespace', async () => {
    expect((await send('GET', '/clusters/nowhere/scope', { token: viewer })).json.error?.code).toBe('ClusterNotFound');
    const r = await send('GET', '/clusters/e2e/recommendations/ghost', { token: viewer });
    expect(r.status).toBe(404);
    expect(r.json.error?.code).toBe('RecommendationNotFound');
  });

  it('413 for a body over 1 MiB', async () => {
    const r = await send('PATCH', '/clusters/e2e/scope', { raw: JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }) });
    expect(r.status).toBe(413);
    expect(r.json.error?.code).toBe('PayloadTooLarge');
  });

  /** Invokes a function through serverless-offline's Lambda endpoint, as a schedule or `aws lambda invoke` would. */
  async function invoke(fn: string, payload: unknown): Promise<Record<string, unknown>> {
    const res = await fetch(`http://127.0.0.1:${offline.lambdaPort}/2015-03-31/functions/policy-recommender-${stage}-${fn}/invocations`, {
      method: 'POST',
      body: JSON.stringify(payload),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  }

  async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
    for (let i = 0; i < 120; i++) {
      const value = await probe();
      if (value !== undefined) return value;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it('a scheduled tick fans out: every due cluster runs in its own asynchronous invocation', async () => {
    const ids = ['fan-1', 'fan-2', 'fan-3'];
    for (const id of ids)
      expect((await send('PUT', `/clusters/${id}`, { body: { flowLogs: { bucket, prefix: id }, target: { directory: join(targetDir, id) } } })).status).toBe(201);
    await send('PATCH', '/clusters/fan-1/scope', { body: { namespaceSpec: { recStatus: 'Enabled' } } });
    const tick = await invoke('processFlows', { source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} });
    expect((tick.dispatch as { dispatched: string[] }).dispatched).toEqual(expect.arrayContaining(ids));
    for (const id of ids) {
      const cluster = await eventually(async () => {
        const r = await send('GET', `/clusters/${id}`, { token: viewer });
        return (r.json.lastRun as { startedAt?: string } | null)?.startedAt ? r.json : undefined;
      }, `the job of ${id}`);
      expect(cluster.lastRun).toMatchObject({ consecutiveFailures: 0 });
    }
    // Every job removes its marker once its summary is written: then a tick finds nothing in flight.
    const again = await eventually(async () => {
      const answer = await invoke('processFlows', {});
      return (answer.dispatch as { inFlight: number }).inFlight === 0 ? answer : undefined;
    }, 'the job markers to go');
    expect(again.dispatch).toMatchObject({ deadJobs: [] });
    expect((again.dispatch as { dispatched: string[] }).dispatched).not.toContain('fan-1');
  });

  it('DELETE answers 202 and marks the cluster deleting; the push job removes it; then 404', async () => {
    const accepted = await send('DELETE', '/clusters/e2e');
    expect(accepted.status).toBe(202);
    expect(accepted.json).toEqual({ id: 'e2e', state: 'deleting', purge: false });
    expect((await send('GET', '/clusters/e2e', { token: viewer })).json).toMatchObject({ state: 'deleting' });
    expect((await send('PUT', '/clusters/e2e', { body: { flowLogs: { bucket, prefix: 'e2e' }, target: { directory: targetDir } } })).status).toBe(409);
    await invoke('pushPolicies', { source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} });
    await eventually(async () => ((await send('GET', '/clusters/e2e', { token: viewer })).status === 404 ? true : undefined), 'the deletion job');
    expect((await send('GET', '/clusters/e2e/recommendations', { token: viewer })).status).toBe(404);
    expect(await store.listRecommendations('e2e')).toEqual([]);
  });
});
