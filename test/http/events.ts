import type { Context } from 'aws-lambda';
import type { HttpEvent } from '../../lib/http/types';

export interface EventOptions {
  readonly headers?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly body?: unknown;
  /** Send `body` as this exact text instead of JSON-encoding it. */
  readonly rawBody?: string;
  readonly base64?: boolean;
  readonly token?: string;
}

/** An API Gateway HTTP API (2.0) event shaped like the ones serverless-offline and AWS send. */
export function httpEvent(method: string, path: string, o: EventOptions = {}): HttpEvent {
  const text = o.rawBody ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...o.headers };
  if (o.token) headers.Authorization = `Bearer ${o.token}`;
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: new URLSearchParams(o.query ?? {}).toString(),
    headers,
    ...(o.query ? { queryStringParameters: o.query } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '01/Sep/2026:12:00:00 +0000',
      timeEpoch: 1_788_264_000_000,
    },
    ...(text === undefined ? {} : { body: o.base64 ? Buffer.from(text).toString('base64') : text }),
    isBase64Encoded: o.base64 === true,
  };
}

export const lambdaContext = {
  functionName: 'api',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 29_000,
} as unknown as Context;

export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly json: unknown;
}

type Handler = (event: HttpEvent, context: Context) => Promise<{ statusCode: number; headers: Record<string, string>; body: string }>;

export async function call(handler: Handler, event: HttpEvent): Promise<Answer> {
  const r = await handler(event, lambdaContext);
  let json: unknown;
  try {
    json = JSON.parse(r.body);
  } catch {
    json = undefined;
  }
  return { status: r.statusCode, headers: r.headers, body: r.body, json };
}
