import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAuthConfig } from '../../lib/config/auth';
import { ConfigError } from '../../lib/config/env';
import { createVerifier, type TokenVerifier } from '../../lib/http/auth/verifier';
import { AuthUnavailableError, UnauthorizedError } from '../../lib/http/errors';
import { ADMIN, randomSecret, rsaSigner, signHs256, VIEWER, type RsaSigner } from '../support/jwt';

const NOW = 1_788_264_000;
const now = () => new Date(NOW * 1000);
const roles = async (v: TokenVerifier, token: string) => [...(await v.verify(token)).roles].sort();

describe('auth configuration', () => {
  it('has no verifier when neither a JWKS URL nor a secret is set (the API then refuses all)', () => {
    expect(createVerifier(loadAuthConfig({}))).toBeUndefined();
  });

  it.each([
    [{ AUTH_HS256_SECRET: 'short' }, /at least 32 bytes/],
    [{ AUTH_JWKS_URL: 'not a url' }, /not a URL/],
    [{ AUTH_JWKS_URL: 'http://idp.example.com/jwks' }, /https/],
    [{ AUTH_JWKS_URL: 'https://idp.example.com/jwks' }, /needs AUTH_ISSUER and AUTH_AUDIENCE/],
    [{ AUTH_JWKS_URL: 'https://idp.example.com/jwks', AUTH_ISSUER: 'https://idp.example.com' }, /needs AUTH_ISSUER and AUTH_AUDIENCE/],
  ])('fails fast on %j', (env, message) => {
    expect(() => loadAuthConfig(env)).toThrow(ConfigError);
    expect(() => loadAuthConfig(env)).toThrow(message);
  });

  it('reads comma-separated issuers and audiences and a custom roles claim, frozen', () => {
    const c = loadAuthConfig({ AUTH_HS256_SECRET: randomSecret(), AUTH_ISSUER: 'a, b', AUTH_AUDIENCE: 'api', AUTH_ROLES_CLAIM: 'cognito:groups' });
    expect(c).toMatchObject({ issuers: ['a', 'b'], audiences: ['api'], rolesClaim: 'cognito:groups' });
    expect(Object.isFrozen(c)).toBe(true);
  });
});

describe('HS256 verification', () => {
  const secret = randomSecret();
  const verifier = createVerifier(loadAuthConfig({ AUTH_HS256_SECRET: secret, AUTH_ISSUER: 'https://idp', AUTH_AUDIENCE: 'board' }), { now })!;
  const good = { now: NOW, iss: 'https://idp', aud: 'board', sub: 'alice' };

  it('accepts a valid token and maps roles; admin implies viewer', async () => {
    expect(await verifier.verify(await signHs256(secret, { ...good, groups: [VIEWER] }))).toEqual({ subject: 'alice', roles: new Set(['viewer']) });
    expect(await roles(verifier, await signHs256(secret, { ...good, groups: [ADMIN, 'other'] }))).toEqual(['admin', 'viewer']);
    expect(await roles(verifier, await signHs256(secret, { ...good, groups: `other ${VIEWER}` }))).toEqual(['viewer']);
    expect(await roles(verifier, await signHs256(secret, { ...good }))).toEqual([]);
  });

  it.each([
    ['a wrong signature', { ...good }, 'the token is invalid', randomSecret()],
    ['an expired token', { ...good, now: NOW - 7200, exp: NOW - 3600 }, 'the token has expired', undefined],
    ['a token not yet valid', { ...good, nbf: NOW + 600 }, 'the token\'s "nbf" claim is not accepted', undefined],
    ['a wrong audience', { ...good, aud: 'other' }, 'the token\'s "aud" claim is not accepted', undefined],
    ['a wrong issuer', { ...good, iss: 'https://evil' }, 'the token\'s "iss" claim is not accepted', undefined],
  ])('refuses %s with 401', async (_, opts, message, otherSecret) => {
    const token = await signHs256(otherSecret ?? secret, opts);
    await expect(verifier.verify(token)).rejects.toMatchObject({ constructor: UnauthorizedError, status: 401, message });
  });

  it('tolerates 30 s of clock skew but not more', async () => {
    await expect(verifier.verify(await signHs256(secret, { ...good, now: NOW - 3600, exp: NOW - 20 }))).resolves.toBeDefined();
    await expect(verifier.verify(await signHs256(secret, { ...good, now: NOW - 3600, exp: NOW - 40 }))).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('refuses a token without exp', async () => {
    const { SignJWT } = await import('jose');
    const token = await new SignJWT({ groups: [ADMIN], iss: 'https://idp', aud: 'board' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('reads roles from the configured claim', async () => {
    const v = createVerifier(loadAuthConfig({ AUTH_HS256_SECRET: secret, AUTH_ROLES_CLAIM: 'cognito:groups' }), { now })!;
    expect(await roles(v, await signHs256(secret, { now: NOW, rolesClaim: 'cognito:groups', groups: [ADMIN] }))).toEqual(['admin', 'viewer']);
    expect(await roles(v, await signHs256(secret, { now: NOW, groups: [ADMIN] }))).toEqual([]);
  });
});

describe('JWKS verification (local key server)', () => {
  let server: Server;
  let signer: RsaSigner;
  let url: string;
  let up = true;
  beforeAll(async () => {
    signer = await rsaSigner();
    server = createServer((_, res) => {
      if (!up) return res.writeHead(500).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(signer.jwks));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  const IDP = { iss: 'https://idp.test', aud: 'policy-recommender' };
  const jwksEnv = () => ({ AUTH_JWKS_URL: url, AUTH_ISSUER: IDP.iss, AUTH_AUDIENCE: IDP.aud });

  it('accepts an RS256 token signed by a published key', async () => {
    const v = createVerifier(loadAuthConfig(jwksEnv()), { now })!;
    expect(await roles(v, await signer.sign({ now: NOW, groups: [VIEWER], ...IDP }))).toEqual(['viewer']);
  });

  it('refuses HS256 tokens when only a JWKS is configured, even one "signed" with the public key', async () => {
    const v = createVerifier(loadAuthConfig(jwksEnv()), { now })!;
    const jwk = JSON.stringify(signer.jwks.keys[0]);
    await expect(v.verify(await signHs256(jwk.padEnd(64, 'x'), { now: NOW, groups: [ADMIN] }))).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('with both sources, checks each algorithm only against its own key source', async () => {
    const secret = randomSecret();
    const v = createVerifier(loadAuthConfig({ ...jwksEnv(), AUTH_HS256_SECRET: secret }), { now })!;
    expect(await roles(v, await signer.sign({ now: NOW, groups: [VIEWER], ...IDP }))).toEqual(['viewer']);
    expect(await roles(v, await signHs256(secret, { now: NOW, groups: [ADMIN], ...IDP }))).toEqual(['admin', 'viewer']);
    const stranger = await rsaSigner('test-key');
    await expect(v.verify(await stranger.sign({ now: NOW, groups: [ADMIN], ...IDP }))).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('answers 503 rather than 401 when the key server fails: the caller is not at fault', async () => {
    up = false;
    const v = createVerifier(loadAuthConfig(jwksEnv()), { now })!;
    await expect(v.verify(await signer.sign({ now: NOW, groups: [VIEWER], ...IDP }))).rejects.toBeInstanceOf(AuthUnavailableError);
    up = true;
  });
});
