import type { MiddlewareObj } from '@middy/core';
import { PayloadTooLargeError } from '../errors';
import type { HttpEvent, HttpResult } from '../types';

export const MAX_BODY_BYTES = 1024 * 1024;

/** The decoded size, computed without decoding: a huge base64 body is never materialised. */
export function bodyBytes(body: string, base64: boolean): number {
  if (!base64) return Buffer.byteLength(body, 'utf8');
  const padding = body.endsWith('==') ? 2 : body.endsWith('=') ? 1 : 0;
  return Math.floor((body.length * 3) / 4) - padding;
}

/** Refuses oversized bodies before anything parses them. */
export function bodyLimit(limit = MAX_BODY_BYTES): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    before: ({ event }) => {
      if (typeof event.body === 'string' && bodyBytes(event.body, event.isBase64Encoded === true) > limit) {
        throw new PayloadTooLargeError(limit);
      }
    },
  };
}
