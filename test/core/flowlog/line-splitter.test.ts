import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../lib/core/flowlog/line-splitter';

/** Lines, with 'TOO_LONG' standing for a line over the limit. */
function split(chunks: Buffer[], maxLineBytes: number): string[] {
  const out: string[] = [];
  const splitter = new LineSplitter(maxLineBytes, {
    line: (buf, start, end) => out.push(buf.toString('utf8', start, end)),
    tooLong: () => out.push('TOO_LONG'),
  });
  for (const c of chunks) splitter.push(c);
  splitter.end();
  return out;
}

function pieces(text: string, size: number): Buffer[] {
  const buf = Buffer.from(text);
  const out: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) out.push(buf.subarray(i, i + size));
  return out;
}

describe('LineSplitter', () => {
  const text = 'alpha\nbeta\r\n\n  gamma  \r\ndélta ✓\nlast-without-newline';
  const expected = ['alpha', 'beta', '', '  gamma  ', 'délta ✓', 'last-without-newline'];

  it('gives the same lines whatever the chunk boundaries (every size from 1 byte to the whole text)', () => {
    const total = Buffer.byteLength(text);
    for (let size = 1; size <= total; size++) {
      expect(split(pieces(text, size), 1024), `chunk size ${size}`).toStrictEqual(expected);
    }
  });

  it('strips only one trailing CR, and only at the end of a line', () => {
    expect(split([Buffer.from('a\r\r\nb\rc\n')], 100)).toStrictEqual(['a\r', 'b\rc']);
  });

  it('accepts a line of exactly maxLineBytes and refuses one byte more, within and across chunks', () => {
    const input = `${'x'.repeat(10)}\n${'y'.repeat(11)}\nok\n`;
    for (let size = 1; size <= input.length; size++) {
      expect(split(pieces(input, size), 10), `chunk size ${size}`).toStrictEqual(['x'.repeat(10), 'TOO_LONG', 'ok']);
    }
  });

  it('reports an over-long last line without a newline once', () => {
    for (let size = 1; size <= 30; size++) {
      expect(split(pieces(`ok\n${'z'.repeat(30)}`, size), 10), `chunk size ${size}`).toStrictEqual(['ok', 'TOO_LONG']);
    }
  });

  it('keeps its carry buffer within maxLineBytes while skipping a huge line', () => {
    const splitter = new LineSplitter(64, { line: () => {}, tooLong: () => {} });
    const chunk = Buffer.alloc(1000, 0x61);
    for (let i = 0; i < 1000; i++) splitter.push(chunk); // one line of 1 MB
    const carry = (splitter as unknown as { carry?: Buffer }).carry;
    expect(carry === undefined || carry.length <= 64).toBe(true);
  });

  it('discard() drops a partial last line', () => {
    const out: string[] = [];
    const splitter = new LineSplitter(100, { line: (b, s, e) => out.push(b.toString('utf8', s, e)), tooLong: () => {} });
    splitter.push(Buffer.from('one\ntw'));
    splitter.discard();
    splitter.end();
    expect(out).toStrictEqual(['one']);
  });
});
