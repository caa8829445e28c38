import { beforeAll, describe, expect, it } from 'vitest';
import { createBoard } from '../../lib/app/board';
import type { StateStore } from '../../lib/app/store';
import { loadAuthConfig } from '../../lib/config/auth';
import type { Impact } from '../../lib/core/impact';
import { createApiHandler } from '../../lib/http/api';
import { createVerifier } from '../../lib/http/auth/verifier';
import { freshStore } from '../support/aws';
import { ADMIN, randomSecret, signHs256, VIEWER } from '../support/jwt';
import { call, httpEvent, type EventOptions } from './events';
import { recommendation } from './fixtures';
import { clockOf } from '../../lib/core/engine';
import { buildOpenApiDocument } from '../../lib/http/openapi/document';
import { responseChecker } from './openapi-check';

const checkResponse = responseChecker(buildOpenApiDocument());

// Recommendations in the fixtures were last changed at 12:00:00; the default interval is 150 s,
// so their impact window opens at 12:02:30, and the stabilization period is 10 minutes.
const RULES_AT = '2026-09-01T12:00:00Z';
const WINDOW = 1_788_264_150;
const secret = randomSecret();

function impact(o: Partial<Impact> = {}): Impact {
  return { rulesAt: RULES_AT, since: WINDOW, flowsObserved: 12, firstObserved: WINDOW + 60, wouldDenyFlows: 0, wouldDenyLastSeen: 0, examples: [], ...o };
}

describe('impact, readiness and enforce over HTTP (DynamoDB emulator)', () => {
  let store: StateStore;
  let handler: ReturnType<typeof createApiHandler>;
  let admin: string;
  let viewer: string;
  let now = WINDOW;
  // Every answer is checked against the OpenAPI document: status, content type and body.
  const send = async (method: string, path: string, o: EventOptions = {}) => {
    const answer = await call(handler, httpEvent(method, path, { token: admin, ...o }));
    checkResponse({ method, path, status: answer.status, contentType: answer.headers['content-type'], body: answer.body });
    return answer;
  };
  const readiness = async (ns: string) => ((await send('GET', `/clusters/c1/recommendations/${ns}`)).json as { readiness: string }).readiness;

  beforeAll(async () => {
    store = (await freshStore()).store;
    const verifier = createVerifier(loadAuthConfig({ AUTH_HS256_SECRET: secret }), { now: () => new Date(WINDOW * 1000) });
    handler = createApiHandler({ board: createBoard({ store, clock: clockOf(() => now) }), verifier, log: { logger: { info() {}, error() {} } } });
    admin = await signHs256(secret, { now: WINDOW, groups: [ADMIN] });
    viewer = await signHs256(secret, { now: WINDOW, groups: [VIEWER] });
    await send('PUT', '/clusters/c1', { body: { flowLogs: { bucket: 'flows', prefix: 'c1' }, target: { directory: '/tmp/out' } } });
    for (const ns of ['ready', 'denies', 'learning', 'fresh', 'bulk-a', 'bulk-b']) {
      await store.putRecommendation('c1', recommendation(ns, ns === 'learning' ? {} : { stagedAction: 'Set' }), null);
    }
  });

  it('readiness moves NotObserved → Observing → ReadyToEnforce with the clock; a would-deny flow makes it WouldDeny', async () => {
    now = WINDOW + 120;
    expect(await readiness('ready')).toBe('NotObserved');
    await store.putImpact('c1', 'ready', impact(), null);
    expect(await readiness('ready')).toBe('Observing');
    now = WINDOW + 60 + 600;
    expect(await readiness('ready')).toBe('ReadyToEnforce');
    const examples = [{ direction: 'egress' as const, peer: 'payments/api-*', protocol: 'TCP', port: 8080 }];
    await store.putImpact('c1', 'denies', impact({ wouldDenyFlows: 3, wouldDenyLastSeen: WINDOW + 300, examples }), null);
    expect(await readiness('denies')).toBe('WouldDeny');

    const details = await send('GET', '/clusters/c1/recommendations/denies', { token: viewer });
    expect(details.json).toMatchObject({
      readiness: 'WouldDeny',
      impact: { since: '2026-09-01T12:02:30Z', flowsObserved: 12, wouldDeny: { flows: 3, lastSeen: '2026-09-01T12:07:30Z', examples } },
    });
    const list = await send('GET', '/clusters/c1/recommendations', { query: { tab: 'active' }, token: viewer });
    const rows = (list.json as { items: { namespace: string; readiness: string }[] }).items;
    expect(Object.fromEntries(rows.map((r) => [r.namespace, r.readiness]))).toMatchObject({ ready: 'ReadyToEnforce', denies: 'WouldDeny', fresh: 'NotObserved' });
  });

  it('an impact counted for older rules is no observation of the current ones', async () => {
    await store.putImpact('c1', 'fresh', impact({ rulesAt: '2026-09-01T11:00:00Z', wouldDenyFlows: 9 }), null);
    expect(await readiness('fresh')).toBe('NotObserved');
    expect((await send('GET', '/clusters/c1/recommendations/fresh')).json).toMatchObject({ impact: { flowsObserved: 0, wouldDeny: { flows: 0, lastSeen: null, examples: [] } } });
  });

  it('enforce answers 409 WouldDeny unless forced; ready ones are enforced; repeating is a no-op', async () => {
    const refused = await send('POST', '/clusters/c1/recommendations/denies/enforce');
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ error: { code: 'WouldDeny', details: { namespace: 'denies', wouldDenyFlows: 3 } } });
    expect((await store.getRecommendation('c1', 'denies'))!.value.enforcement).toBeUndefined();

    const forced = await send('POST', '/clusters/c1/recommendations/denies/enforce', { body: { force: true } });
    expect(forced.status).toBe(200);
    expect(forced.json).toMatchObject({ changed: true, tab: 'enforced' });
    expect((await store.getRecommendation('c1', 'denies'))!.value.enforcement).toEqual({ requestedAt: '2026-09-01T12:13:30Z', forced: true });

    expect((await send('POST', '/clusters/c1/recommendations/ready/enforce', { body: {} })).json).toMatchObject({ changed: true, tab: 'enforced' });
    expect((await send('POST', '/clusters/c1/recommendations/ready/enforce')).json).toMatchObject({ changed: false, tab: 'enforced' });
    const tab = await send('GET', '/clusters/c1/recommendations', { query: { tab: 'enforced' } });
    expect((tab.json as { items: { namespace: string }[] }).items.map((i) => i.namespace)).toEqual(['denies', 'ready']);
  });

  it('enforce is for active recommendations only (409 InvalidTransition), for admins only, and unknown namespaces are 404', async () => {
    expect((await send('POST', '/clusters/c1/recommendations/learning/enforce')).json).toMatchObject({
      error: { code: 'InvalidTransition', details: { action: 'enforce', tab: 'recommendations' } },
    });
    expect((await send('POST', '/clusters/c1/recommendations/fresh/enforce', { token: viewer })).status).toBe(403);
    expect((await send('POST', '/clusters/c1/recommendations/nope/enforce')).status).toBe(404);
  });

  it.each([
    ['an unknown field', { force: true, now: true }, 'now'],
    ['force that is not a boolean', { force: 'yes' }, 'force'],
    ['an array', [true], ''],
    ['a string', 'force', ''],
  ])('enforce answers 400 ValidationError for %s', async (_, body, path) => {
    const r = await send('POST', '/clusters/c1/recommendations/fresh/enforce', { body });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ error: { code: 'ValidationError', details: [expect.objectContaining({ path })] } });
  });

  it('bulk enforce reports per namespace; force belongs to enforce only', async () => {
    await store.putImpact('c1', 'bulk-b', impact({ wouldDenyFlows: 1 }), null);
    const r = await send('POST', '/clusters/c1/recommendations/actions', { body: { action: 'enforce', namespaces: ['bulk-a', 'bulk-b', 'learning', 'ghost'] } });
    expect(r.json).toEqual({
      items: [
        { namespace: 'bulk-a', status: 'changed', tab: 'enforced' },
        { namespace: 'bulk-b', status: 'wouldDeny' },
        { namespace: 'learning', status: 'invalidTransition', tab: 'recommendations' },
        { namespace: 'ghost', status: 'notFound' },
      ],
    });
    const forced = await send('POST', '/clusters/c1/recommendations/actions', { body: { action: 'enforce', namespaces: ['bulk-b'], force: true } });
    expect(forced.json).toEqual({ items: [{ namespace: 'bulk-b', status: 'changed', tab: 'enforced' }] });
    const bad = await send('POST', '/clusters/c1/recommendations/actions', { body: { action: 'activate', namespaces: ['learning'], force: true } });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { details: [{ path: 'force', message: 'only with action enforce' }] } });
  });
});
