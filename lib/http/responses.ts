import type { Problem } from './error-map';
import type { HttpResult } from './types';

const JSON_TYPE = 'application/json; charset=utf-8';

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return { statusCode, headers: { 'content-type': JSON_TYPE, 'cache-control': 'no-store', ...headers }, body: JSON.stringify(body) };
}

export function yaml(statusCode: number, text: string): HttpResult {
  return { statusCode, headers: { 'content-type': 'application/yaml; charset=utf-8', 'cache-control': 'no-store' }, body: text };
}

export function problemResponse(p: Problem): HttpResult {
  const error = p.details === undefined ? { code: p.code, message: p.message } : { code: p.code, message: p.message, details: p.details };
  return json(p.status, { error }, p.headers ?? {});
}
