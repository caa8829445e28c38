/**
 * Errors that exist only because of HTTP (auth, framing, paths). Each carries its status and
 * machine code; the application's own errors are mapped in error-map.ts.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export class UnauthorizedError extends HttpProblem {
  override readonly name = 'UnauthorizedError';
  constructor(message: string, invalidToken = false) {
    // RFC 6750 §3: say which scheme to use; flag a token that was presented but refused.
    super(401, 'Unauthorized', message, undefined, { 'www-authenticate': invalidToken ? 'Bearer error="invalid_token"' : 'Bearer' });
  }
}

export class ForbiddenError extends HttpProblem {
  override readonly name = 'ForbiddenError';
  constructor(required: string) {
    super(403, 'Forbidden', `this operation needs the ${required} role`, { requiredRole: required });
  }
}

/** The key source (JWKS endpoint) could not be reached: not the caller's fault. */
export class AuthUnavailableError extends HttpProblem {
  override readonly name = 'AuthUnavailableError';
  constructor() {
    super(503, 'AuthUnavailable', 'the token verification keys could not be fetched; retry later', undefined, { 'retry-after': '5' });
  }
}

export class PayloadTooLargeError extends HttpProblem {
  override readonly name = 'PayloadTooLargeError';
  constructor(limit: number) {
    super(413, 'PayloadTooLarge', `the request body exceeds ${limit} bytes`, { limitBytes: limit });
  }
}

export class MalformedJsonError extends HttpProblem {
  override readonly name = 'MalformedJsonError';
  constructor(reason: string) {
    super(400, 'MalformedJson', `the request body is not valid JSON: ${reason}`);
  }
}

export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

export class RequestValidationError extends HttpProblem {
  override readonly name = 'RequestValidationError';
  constructor(problems: readonly FieldProblem[]) {
    super(400, 'ValidationError', `invalid request: ${problems.map((p) => `${p.path || '(body)'}: ${p.message}`).join('; ')}`, problems);
  }
}

export class InvalidPathError extends HttpProblem {
  override readonly name = 'InvalidPathError';
  constructor(parameter: string, rule: string) {
    super(400, 'InvalidPath', `path parameter ${parameter} must be ${rule}`, { parameter });
  }
}

export class RouteNotFoundError extends HttpProblem {
  override readonly name = 'RouteNotFoundError';
  constructor(method: string, path: string) {
    super(404, 'RouteNotFound', `no route for ${method} ${path.slice(0, 200)}`);
  }
}
