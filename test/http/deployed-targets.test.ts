import { beforeAll, describe, expect, it } from 'vitest';
import { createBoard } from '../../lib/app/board';
import type { StateStore } from '../../lib/app/store';
import { loadAuthConfig } from '../../lib/config/auth';
import { loadReachConfig } from '../../lib/config/board';
import { createApiHandler } from '../../lib/http/api';
import { createVerifier } from '../../lib/http/auth/verifier';
import { freshStore } from '../support/aws';
import { ADMIN, randomSecret, signHs256 } from '../support/jwt';
import { call, httpEvent } from './events';
import { clockOf } from '../../lib/core/engine';

const NOW = 1_788_264_000;
const secret = randomSecret();
const ROLE = 'arn:aws:iam::123456789012:role/recommender-eks-prod';

/** A deployed API pushes through Secrets Manager or EKS only; paths on the function's disk are the local stack's. */
describe('targets a deployed API accepts', () => {
  let store: StateStore;
  let admin: string;
  const api = (env: Record<string, string>) =>
    createApiHandler({
      board: createBoard({ store, clock: clockOf(() => NOW), reach: loadReachConfig(env) }),
      verifier: createVerifier(loadAuthConfig({ AUTH_HS256_SECRET: secret }), { now: () => new Date(NOW * 1000) }),
      log: { logger: { info() {}, error() {} } },
    });
  const put = (env: Record<string, string>, id: string, target: unknown) =>
    call(api(env), httpEvent('PUT', `/clusters/${id}`, { token: admin, body: { flowLogs: { bucket: 'flows', prefix: id }, target } }));

  beforeAll(async () => {
    store = (await freshStore()).store;
    admin = await signHs256(secret, { now: NOW, groups: [ADMIN] });
  });

  it.each([
    ['directory', { directory: '/tmp/out' }, 'target.directory'],
    ['kubeconfigFile', { kubeconfigFile: '/root/.kube/config' }, 'target.kubeconfigFile'],
  ])('refuses a %s target with 400 by default', async (_, target, field) => {
    const r = await put({}, 'local-one', target);
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.json)).toContain(field);
    expect(JSON.stringify(r.json)).toContain('local-stack target');
  });

  it("accepts them on the local stack (LOCAL_STACK=true, or serverless-offline's IS_OFFLINE)", async () => {
    expect((await put({ LOCAL_STACK: 'true' }, 'local-a', { directory: '/tmp/out' })).status).toBe(201);
    expect((await put({ IS_OFFLINE: 'true' }, 'local-b', { kubeconfigFile: '/root/.kube/config' })).status).toBe(201);
  });

  it("registers an eks target; a roleArn must match the deployment's allowed patterns", async () => {
    const ok = await put({}, 'eks-a', { eks: { name: 'prod', region: 'eu-west-1' } });
    expect(ok.status).toBe(201);
    expect(ok.json).toMatchObject({ target: { eks: { name: 'prod', region: 'eu-west-1' } } });
    expect((await put({}, 'eks-b', { eks: { name: 'prod', region: 'eu-west-1', roleArn: ROLE } })).status).toBe(400);
    expect(
      (await put({ EKS_ASSUME_ROLE_ARNS: 'arn:aws:iam::123456789012:role/recommender-eks-*' }, 'eks-c', { eks: { name: 'prod', region: 'eu-west-1', roleArn: ROLE } })).status,
    ).toBe(201);
    expect((await put({}, 'eks-d', { eks: { name: 'prod', region: 'mars' } })).status).toBe(400);
    expect((await put({}, 'eks-e', { eks: { name: 'prod', region: 'eu-west-1', extra: 1 } })).status).toBe(400);
  });
});
