import type { PageConfig } from '../api/types';

/** OIDC sign-in: authorization code with PKCE (RFC 7636), no client secret in the page. */

const PENDING_KEY = 'policy-recommender.oidc';
type Oidc = NonNullable<PageConfig['oidc']>;

interface Pending {
  readonly state: string;
  readonly verifier: string;
  readonly redirectUri: string;
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function randomString(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

export async function codeChallenge(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

async function discover(issuer: string): Promise<{ authorization_endpoint: string; token_endpoint: string }> {
  const res = await fetch(`${issuer}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error(`the sign-in provider answered ${res.status}`);
  return (await res.json()) as { authorization_endpoint: string; token_endpoint: string };
}

function redirectUri(): string {
  return `${location.origin}${location.pathname}`;
}

/** Sends the browser to the provider's sign-in page. */
export async function startSignIn(oidc: Oidc, storage: Storage): Promise<void> {
  const { authorization_endpoint } = await discover(oidc.issuer);
  const pending: Pending = { state: randomString(), verifier: randomString(), redirectUri: redirectUri() };
  storage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: oidc.clientId,
    redirect_uri: pending.redirectUri,
    scope: oidc.scope,
    state: pending.state,
    code_challenge: await codeChallenge(pending.verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/**
 * Back from the provider with `?code=…&state=…`: exchanges the code for tokens and returns the
 * one the API verifies (the ID token, whose audience is the client id; else the access token).
 */
export async function finishSignIn(oidc: Oidc, storage: Storage): Promise<string | undefined> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (!code) return undefined;
  const pending = JSON.parse(storage.getItem(PENDING_KEY) ?? 'null') as Pending | null;
  storage.removeItem(PENDING_KEY);
  history.replaceState(null, '', location.pathname);
  if (!pending || pending.state !== params.get('state')) throw new Error('the sign-in answer does not match the request; sign in again');
  const { token_endpoint } = await discover(oidc.issuer);
  const res = await fetch(token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: pending.redirectUri, client_id: oidc.clientId, code_verifier: pending.verifier }),
  });
  if (!res.ok) throw new Error(`the sign-in provider refused the code (${res.status})`);
  const tokens = (await res.json()) as { id_token?: string; access_token?: string };
  return tokens.id_token ?? tokens.access_token;
}
