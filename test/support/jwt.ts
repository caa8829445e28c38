import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';

export const VIEWER = 'policy-recommender-viewer';
export const ADMIN = 'policy-recommender-admin';

/** A fresh HS256 secret of the minimum accepted strength (32 bytes, hex-encoded). */
export function randomSecret(): string {
  return randomBytes(32).toString('hex');
}

export interface TokenOptions {
  /** Unix seconds the token is issued at; exp defaults to an hour later. */
  readonly now: number;
  readonly sub?: string;
  readonly groups?: string[] | string;
  readonly rolesClaim?: string;
  readonly exp?: number;
  readonly nbf?: number;
  readonly iss?: string;
  readonly aud?: string;
  readonly extra?: JWTPayload;
}

function builder(o: TokenOptions, alg: string, kid?: string): SignJWT {
  const claims: JWTPayload = { ...(o.groups === undefined ? {} : { [o.rolesClaim ?? 'groups']: o.groups }), ...o.extra };
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg, ...(kid ? { kid } : {}) })
    .setIssuedAt(o.now)
    .setExpirationTime(o.exp ?? o.now + 3600);
  if (o.sub) jwt.setSubject(o.sub);
  if (o.nbf !== undefined) jwt.setNotBefore(o.nbf);
  if (o.iss) jwt.setIssuer(o.iss);
  if (o.aud) jwt.setAudience(o.aud);
  return jwt;
}

export function signHs256(secret: string, o: TokenOptions): Promise<string> {
  return builder(o, 'HS256').sign(new TextEncoder().encode(secret));
}

export interface RsaSigner {
  readonly jwks: { keys: object[] };
  sign(o: TokenOptions): Promise<string>;
}

/** An RS256 key pair with its public JWKS, as an OIDC provider would publish it. */
export async function rsaSigner(kid = 'test-key'): Promise<RsaSigner> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { jwks: { keys: [jwk] }, sign: (o) => builder(o, 'RS256', kid).sign(privateKey) };
}

/** The current time in Unix seconds: for tokens sent to a server that uses the real clock. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
