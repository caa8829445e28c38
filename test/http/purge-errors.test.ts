import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard } from '../../lib/app/board';
import { createPurger } from '../../lib/app/push/purge';
import { loadAuthConfig } from '../../lib/config/auth';
import { createApiHandler } from '../../lib/http/api';
import { createVerifier } from '../../lib/http/auth/verifier';
import { ADMIN, randomSecret, signHs256 } from '../support/jwt';
import { harness, type Harness } from '../push/harness';
import { call, httpEvent } from './events';

const NOW = 1_788_264_000;
const secret = randomSecret();

describe('DELETE /clusters/{id}?purge=true when the cluster cannot be purged', () => {
  let h: Harness;
  let handler: ReturnType<typeof createApiHandler>;
  let admin: string;
  const purge = (id: string) => call(handler, httpEvent('DELETE', `/clusters/${id}`, { token: admin, query: { purge: 'true' } }));

  beforeAll(async () => {
    h = await harness();
    const board = createBoard({ store: h.store, clock: { now: () => NOW }, purger: createPurger(h.deps.publishers) });
    handler = createApiHandler({ board, verifier: createVerifier(loadAuthConfig({ AUTH_HS256_SECRET: secret }), { now: () => new Date(NOW * 1000) }), log: { logger: { info() {}, error() {} } } });
    admin = await signHs256(secret, { now: NOW, groups: [ADMIN] });
  });
  afterAll(() => h.close());

  it('an unreachable cluster: 502 ClusterUnavailable with the vetted message, and the registration stays for a retry', async () => {
    await h.cluster('down', { server: 'https://127.0.0.1:1' });
    const r = await purge('down');
    expect(r.status).toBe(502);
    expect(r.json).toEqual({ error: { code: 'ClusterUnavailable', message: 'cluster down is unreachable (ECONNREFUSED)' } });
    expect(await h.store.getCluster('down')).toBeDefined();
  });

  it('rejected credentials: 502 ClusterAuthFailed, without the token', async () => {
    await h.cluster('badtoken', { auth: { token: 'revoked-token-77aa66bb' } });
    const r = await purge('badtoken');
    expect(r.status).toBe(502);
    expect(r.json).toMatchObject({ error: { code: 'ClusterAuthFailed', message: 'cluster badtoken rejected the credentials (HTTP 401) during list stagednetworkpolicies' } });
    expect(r.body).not.toContain('revoked-token-77aa66bb');
  });

  it('a missing kubeconfig secret: 400 KubeconfigSecretNotFound naming the secret', async () => {
    await h.cluster('nosecret', { target: { kubeconfigSecret: 'kc/never-created' } });
    const r = await purge('nosecret');
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ error: { code: 'KubeconfigSecretNotFound', message: 'secret kc/never-created was not found in AWS Secrets Manager', details: { secret: 'kc/never-created' } } });
  });
});
