import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** An API Gateway HTTP API event (payload format 2.0), as serverless-offline also produces. */
export type HttpEvent = APIGatewayProxyEventV2;

export type Role = 'viewer' | 'admin';

export interface Principal {
  /** The token's `sub`, for logs only. */
  readonly subject?: string;
  readonly roles: ReadonlySet<Role>;
}

/**
 * The event as the middlewares leave it for routes. Additions sit next to the raw fields rather
 * than replacing them, so the event stays a valid API Gateway event for every middleware.
 */
export type ApiEvent = HttpEvent & {
  /** The body parsed as JSON; undefined when there was none. */
  jsonBody?: unknown;
  principal?: Principal;
};

export interface HttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}
