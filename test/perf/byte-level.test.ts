import { describe, expect, it } from 'vitest';
import { ByteKeyCache } from '../../lib/core/flowlog/byte-key-cache';
import { JsonScanner, KeySet, SCAN_NOT_JSON, SCAN_OK } from '../../lib/core/flowlog/json-scan';

/**
 * The word-at-a-time parts of the reader: the scanner's four-bytes-at-once string test must find a
 * quote, backslash or control character at every position and buffer alignment, and the byte-keyed
 * cache must return the value of exactly the bytes asked for, however keys collide or get evicted.
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

describe('ByteKeyCache', () => {
  it('returns the value of the bytes asked for, across collisions and evictions', () => {
    let computed = 0;
    const cache = new ByteKeyCache<string>(8, 64, (b, start, end) => {
      computed++;
      return b.toString('latin1', start, end);
    });
    const keys = Array.from({ length: 200 }, (_, i) => `k${i}-${'z'.repeat(i % 70)}`);
    for (let round = 0; round < 3; round++) {
      for (const [i, k] of keys.entries()) {
        const buf = Buffer.from(`${'.'.repeat(i % 5)}${k}|`);
        expect(cache.get(buf, i % 5, (i % 5) + k.length)).toBe(k);
      }
    }
    expect(computed).toBeGreaterThan(200);
  });

  it('computes a repeated key once while it stays cached', () => {
    let computed = 0;
    const cache = new ByteKeyCache<number>(64, 64, () => ++computed);
    const a = Buffer.from('xxnamespace-a');
    const b = Buffer.from('namespace-b');
    for (let i = 0; i < 10; i++) {
      expect(cache.get(a, 2, a.length)).toBe(1);
      expect(cache.get(b, 0, b.length)).toBe(2);
    }
    expect(computed).toBe(2);
  });
});
