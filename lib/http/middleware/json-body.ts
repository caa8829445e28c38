import type { MiddlewareObj } from '@middy/core';
import { MalformedJsonError } from '../errors';
import type { ApiEvent, HttpResult } from '../types';

/**
 * Parses the body as JSON whatever its content type (the API speaks only JSON, and `curl -d`
 * labels bodies as form data). Written here rather than @middy/http-json-body-parser because that
 * one answers malformed JSON with 415, where the contract wants 400 MalformedJson.
 */
export function jsonBody(): MiddlewareObj<ApiEvent, HttpResult> {
  return {
    before: ({ event }) => {
      const raw = event.body;
      if (typeof raw !== 'string' || raw === '') return;
      const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
      try {
        event.jsonBody = JSON.parse(text);
      } catch (err) {
        throw new MalformedJsonError((err as Error).message);
      }
    },
  };
}
