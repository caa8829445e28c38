import { describe, expect, it } from 'vitest';
import { JsonScanner, KeySet, SCAN_NOT_JSON, SCAN_OK } from '../../lib/core/flowlog/json-scan';

/**
 * The word-at-a-time part of the JavaScript scanner: its four-bytes-at-once string test must find
 * a quote, backslash or control character at every position and buffer alignment.
 */
describe('scanner string runs at every alignment', () => {
  const scanner = new JsonScanner(new KeySet(['k']));
  const stops = ['\\"', '\\\\', '\\u0041', '\u0001', '\t', '\u001f', '"'];

  it('agrees with JSON.parse on where strings end and what they may contain', () => {
    for (let shift = 0; shift < 4; shift++) {
      for (let len = 0; len < 14; len++) {
        for (let at = 0; at <= len; at++) {
          for (const stop of stops) {
            const content = 'x'.repeat(at) + stop + 'y'.repeat(len - at);
            const text = `{"k":"${content}","z":"é${content}"}`;
            const buf = Buffer.concat([Buffer.alloc(shift, 0x7b), Buffer.from(text), Buffer.from('"}')]);
            let valid = true;
            try {
              JSON.parse(text);
            } catch {
              valid = false;
            }
            const got = scanner.scan(buf, shift, shift + Buffer.byteLength(text));
            expect({ text, shift, got }).toStrictEqual({ text, shift, got: valid ? SCAN_OK : SCAN_NOT_JSON });
          }
        }
      }
    }
  });
});
