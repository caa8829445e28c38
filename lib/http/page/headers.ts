/** Security and cache headers of the board page. */

export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * No inline script or style anywhere: everything comes from this origin. The page talks to the
 * API (same origin) and, when configured, to the OIDC provider (discovery and token endpoints).
 */
export function contentSecurityPolicy(connectOrigins: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${["'self'", ...connectOrigins].join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

export function pageHeaders(contentType: string, cacheControl: string, csp?: string): Record<string, string> {
  return {
    'content-type': contentType,
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...(csp ? { 'content-security-policy': csp } : {}),
  };
}
