import { describe, expect, it } from 'vitest';
import { applyMergePatch } from '../../../lib/app/board';
import { checkBucket, locationsOverlap, normalizePrefix } from '../../../lib/app/board/registration-rules';

describe('S3 bucket names', () => {
  it.each(['my-flows', 'a.b.c', 'abc', 'x'.repeat(63)])('accepts %s', (b) => expect(() => checkBucket(b)).not.toThrow());
  it.each(['ab', 'x'.repeat(64), 'Upper', 'under_score', '-start', 'end-', 'a..b', '192.168.1.1', 'xn--abc', 'sthree-x', 'name-s3alias', 'b.mrap'])('rejects %s', (b) =>
    expect(() => checkBucket(b)).toThrow(/flowLogs.bucket/),
  );
});

describe('flow-log prefixes', () => {
  it.each([
    ['', ''],
    ['logs/cluster-a/', 'logs/cluster-a'],
    ['a', 'a'],
  ])('normalizes %j to %j', (input, out) => expect(normalizePrefix(input)).toBe(out));
  it.each(['/abs', 'a/../b', '..', 'a//b', 'a/./b', 'tab\there', `x${'y'.repeat(600)}`])('rejects %j', (p) => expect(() => normalizePrefix(p)).toThrow(/flowLogs.prefix/));
});

describe('location overlap is segment-aware and per bucket', () => {
  const at = (bucket: string, prefix: string) => ({ bucket, prefix });
  it.each([
    [at('b', 'a'), at('b', 'a/x'), true],
    [at('b', 'a/x'), at('b', 'a'), true],
    [at('b', 'a'), at('b', 'a'), true],
    [at('b', ''), at('b', 'anything'), true],
    [at('b', 'a/b'), at('b', 'a/bc'), false],
    [at('b', 'a'), at('c', 'a'), false],
  ])('%j vs %j → %s', (x, y, expected) => expect(locationsOverlap(x, y)).toBe(expected));
});

describe('RFC 7396 merge patch', () => {
  it.each([
    [{ a: 1, b: { c: 2, d: 3 } }, { b: { c: null, e: 4 } }, { a: 1, b: { d: 3, e: 4 } }],
    [{ a: [1, 2] }, { a: [3] }, { a: [3] }],
    [{ a: 1 }, { a: null }, {}],
    [{ a: 'x' }, { a: { b: 1 } }, { a: { b: 1 } }],
    [{}, { a: { b: null } }, { a: {} }],
  ])('%j + %j = %j', (target, patch, result) => expect(applyMergePatch(target, patch)).toEqual(result));

  it('keeps a __proto__ key an own field instead of changing the prototype', () => {
    const out = applyMergePatch({}, JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});
