/** The bearer token of the board: taken from the URL fragment or a sign-in, kept per tab. */

export const TOKEN_KEY = 'policy-recommender.token';
export const ADMIN_ROLE = 'policy-recommender-admin';
export const VIEWER_ROLE = 'policy-recommender-viewer';

export type Role = 'admin' | 'viewer' | 'none';

export interface Claims {
  readonly exp?: number;
  readonly sub?: string;
  readonly [claim: string]: unknown;
}

/** The JWT's payload, unverified: the page only uses it to show the role and notice expiry. */
export function decodeClaims(token: string): Claims | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const text = new TextDecoder().decode(Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0)));
    const claims: unknown = JSON.parse(text);
    return typeof claims === 'object' && claims !== null ? (claims as Claims) : undefined;
  } catch {
    return undefined;
  }
}

export function isExpired(claims: Claims | undefined, nowSeconds: number): boolean {
  return !claims || (typeof claims.exp === 'number' && claims.exp <= nowSeconds);
}

/**
 * The role the token carries. The claim's name is the server's setting (`groups` by default,
 * `cognito:groups` with Cognito), so every claim is looked at; the server decides anyway.
 */
export function roleOf(claims: Claims | undefined): Role {
  const values = Object.values(claims ?? {}).flatMap((v) =>
    Array.isArray(v) ? (v as unknown[]).filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? v.split(/[\s,]+/) : [],
  );
  if (values.includes(ADMIN_ROLE)) return 'admin';
  if (values.includes(VIEWER_ROLE)) return 'viewer';
  return 'none';
}

/**
 * `#token=<jwt>` (what `npm start` prints) moves into session storage and leaves the address bar,
 * so it is neither in the history nor shared by copying the URL.
 */
export function takeFragmentToken(location: Location, history: History, storage: Storage): void {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = params.get('token');
  if (!token) return;
  storage.setItem(TOKEN_KEY, token);
  params.delete('token');
  const rest = params.toString();
  history.replaceState(null, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
}

export function storedToken(storage: Storage): string | undefined {
  return storage.getItem(TOKEN_KEY) ?? undefined;
}

export function storeToken(storage: Storage, token: string | undefined): void {
  if (token) storage.setItem(TOKEN_KEY, token);
  else storage.removeItem(TOKEN_KEY);
}
