import { ConfigError, integer, optional, type Env } from './env';

/**
 * How the HTTP API verifies bearer JWTs. Both sources may be set at once: the JWKS verifies only
 * asymmetric algorithms and the secret only HS256, so a token can never pick its own key family
 * (no algorithm confusion). Neither set means no verifier: the API then refuses every request.
 */
export interface AuthConfig {
  readonly jwksUrl?: URL;
  /** The HS256 key itself: the local stack and tests only (a deployment never puts it in its environment). */
  readonly hs256Secret?: Uint8Array;
  /** Secrets Manager name or ARN of the HS256 key, read at run time (AUTH_HS256_SECRET_NAME). */
  readonly hs256SecretName?: string;
  /** How long the key read from Secrets Manager is reused. */
  readonly hs256CacheSeconds: number;
  /** Accepted `iss` values; empty = not checked. */
  readonly issuers: readonly string[];
  /** Accepted `aud` values; empty = not checked. */
  readonly audiences: readonly string[];
  readonly rolesClaim: string;
}

/** RFC 7518 §3.2: an HS256 key shorter than the hash output weakens the MAC. */
const MIN_SECRET_BYTES = 32;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function list(env: Env, name: string): string[] {
  return (optional(env, name) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function jwksUrl(env: Env): URL | undefined {
  const raw = optional(env, 'AUTH_JWKS_URL');
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`AUTH_JWKS_URL is not a URL: ${JSON.stringify(raw)}`);
  }
  // Keys fetched over plain HTTP could be swapped in transit; only a local test server may use it.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname))) {
    throw new ConfigError('AUTH_JWKS_URL must use https (http only for localhost)');
  }
  return url;
}

export function loadAuthConfig(env: Env): AuthConfig {
  const secret = optional(env, 'AUTH_HS256_SECRET');
  const hs256Secret = secret === undefined ? undefined : new TextEncoder().encode(secret);
  if (hs256Secret && hs256Secret.length < MIN_SECRET_BYTES) {
    throw new ConfigError(`AUTH_HS256_SECRET must be at least ${MIN_SECRET_BYTES} bytes`);
  }
  const hs256SecretName = optional(env, 'AUTH_HS256_SECRET_NAME');
  if (hs256Secret && hs256SecretName) throw new ConfigError('set AUTH_HS256_SECRET_NAME or AUTH_HS256_SECRET, not both');
  const rolesClaim = optional(env, 'AUTH_ROLES_CLAIM') ?? 'groups';
  const jwks = jwksUrl(env);
  const issuers = list(env, 'AUTH_ISSUER');
  const audiences = list(env, 'AUTH_AUDIENCE');
  // A shared identity provider signs tokens for many applications: without iss and aud checks,
  // a token meant for another app with the same group claim would be accepted here.
  if (jwks && (issuers.length === 0 || audiences.length === 0)) {
    throw new ConfigError('AUTH_JWKS_URL needs AUTH_ISSUER and AUTH_AUDIENCE, so tokens issued for other applications are refused');
  }
  return Object.freeze({
    jwksUrl: jwks,
    hs256Secret,
    hs256SecretName,
    hs256CacheSeconds: integer(env, 'AUTH_HS256_CACHE_SECONDS', 300, 0, 86_400),
    issuers: Object.freeze(issuers),
    audiences: Object.freeze(audiences),
    rolesClaim,
  });
}
