import type { MiddlewareObj } from '@middy/core';
import type { TokenVerifier } from '../auth/verifier';
import { UnauthorizedError } from '../errors';
import type { ApiEvent, HttpResult } from '../types';

const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i;
/** Far above any real JWT; stops pathological headers before any decoding. */
const MAX_TOKEN_CHARS = 16 * 1024;

/**
 * Verifies the bearer token and records the caller on the event; which role a route needs is
 * checked by the route. Without a verifier every request is refused: an API that silently
 * opened up on a missing setting would be worse than one that is unusable until configured.
 */
export function authenticate(verifier: TokenVerifier | undefined): MiddlewareObj<ApiEvent, HttpResult> {
  return {
    before: async ({ event }) => {
      if (!verifier) {
        throw new UnauthorizedError('authentication is not configured on this server (AUTH_JWKS_URL or AUTH_HS256_SECRET); every request is refused');
      }
      const header = event.headers?.authorization;
      if (!header) throw new UnauthorizedError('an Authorization: Bearer <token> header is required');
      const match = header.length <= MAX_TOKEN_CHARS ? BEARER.exec(header.trim()) : null;
      if (!match) throw new UnauthorizedError('the Authorization header must be "Bearer <JWT>"', true);
      event.principal = await verifier.verify(match[1]!);
    },
  };
}
