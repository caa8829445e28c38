import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import type { AuthConfig } from '../../config/auth';
import { AuthUnavailableError, UnauthorizedError } from '../errors';
import type { Principal } from '../types';
import { rolesFromClaims } from './roles';

export interface TokenVerifier {
  /** Resolves the caller, or throws UnauthorizedError (bad token) / AuthUnavailableError (keys unreachable). */
  verify(token: string): Promise<Principal>;
}

export interface VerifierOptions {
  /** Injected clock for exp/nbf checks; jose uses the system clock when absent. */
  readonly now?: () => Date;
  /** Reads the HS256 key at run time (config.hs256SecretName); cached by the source. */
  readonly hs256Key?: () => Promise<Uint8Array>;
}

const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
/** Tolerated clock skew between the token issuer and this function. */
const CLOCK_TOLERANCE_SECONDS = 30;

/** jose codes that mean "this token is not acceptable"; anything else is a key-source failure. */
const TOKEN_FAULTS = new Set([
  errors.JWTExpired.code,
  errors.JWTClaimValidationFailed.code,
  errors.JWSSignatureVerificationFailed.code,
  errors.JWSInvalid.code,
  errors.JWTInvalid.code,
  errors.JOSEAlgNotAllowed.code,
  errors.JOSENotSupported.code,
  errors.JWKSNoMatchingKey.code,
  errors.JWKSMultipleMatchingKeys.code,
  errors.JWKInvalid.code,
]);

function refusal(err: unknown): Error {
  if (err instanceof errors.JWTExpired) return new UnauthorizedError('the token has expired', true);
  if (err instanceof errors.JWTClaimValidationFailed) return new UnauthorizedError(`the token's "${err.claim}" claim is not accepted`, true);
  if (err instanceof errors.JOSEError && TOKEN_FAULTS.has(err.code)) return new UnauthorizedError('the token is invalid', true);
  return new AuthUnavailableError();
}

/**
 * Builds the verifier, or undefined when nothing is configured (the API then refuses everyone).
 * Each key source is bound to its algorithm family, so an HS256 token is never checked against a
 * public key and an RS256 token never against the shared secret.
 */
export function createVerifier(config: AuthConfig, options: VerifierOptions = {}): TokenVerifier | undefined {
  const fixed = config.hs256Secret;
  const secret = fixed ? async () => fixed : config.hs256SecretName !== undefined ? options.hs256Key : undefined;
  const jwks = config.jwksUrl ? createRemoteJWKSet(config.jwksUrl, { timeoutDuration: 3000 }) : undefined;
  if (!secret && !jwks) return undefined;

  const getKey: JWTVerifyGetKey = (header, token) => {
    if (header.alg === 'HS256' && secret) return secret();
    if (jwks && header.alg !== 'HS256') return jwks(header, token);
    throw new errors.JOSEAlgNotAllowed('algorithm not allowed');
  };
  const base: JWTVerifyOptions = {
    algorithms: [...(secret ? ['HS256'] : []), ...(jwks ? ASYMMETRIC : [])],
    requiredClaims: ['exp'],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    ...(config.issuers.length ? { issuer: [...config.issuers] } : {}),
    ...(config.audiences.length ? { audience: [...config.audiences] } : {}),
  };

  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, getKey, options.now ? { ...base, currentDate: options.now() } : base);
        return { subject: typeof payload.sub === 'string' ? payload.sub : undefined, roles: rolesFromClaims(payload, config.rolesClaim) };
      } catch (err) {
        throw refusal(err);
      }
    },
  };
}
