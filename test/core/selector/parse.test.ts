import { describe, expect, it } from 'vitest';
import { parseSelector, type SelectorNode } from '../../../lib/core/selector';

describe('parser: AST shape', () => {
  it('exposes the AST, with && / || as n-ary nodes and && below ||', () => {
    const expected: SelectorNode = {
      kind: 'or',
      operands: [
        { kind: 'has', key: 'a' },
        {
          kind: 'and',
          operands: [
            { kind: 'comparison', operator: '!=', key: 'b', value: 'x' },
            { kind: 'has', key: 'c' },
            { kind: 'has', key: 'd' },
          ],
        },
      ],
    };
    expect(parseSelector('has(a) || b != "x" && has(c) && has(d)').ast).toEqual(expected);
  });

  it('leaves no node for parentheses and reads !a == "b" as the negated comparison', () => {
    const negated: SelectorNode = { kind: 'not', operand: { kind: 'comparison', operator: '==', key: 'a', value: 'b' } };
    expect(parseSelector('!a == "b"').ast).toEqual(negated);
    expect(parseSelector('!(a == "b")').ast).toEqual(negated);
    expect(parseSelector('((!((a == "b"))))').ast).toEqual(negated);
  });

  it('stores set members sorted and de-duplicated', () => {
    expect(parseSelector('k not in {"b", "a", "b"}').ast).toEqual({ kind: 'set', operator: 'not in', key: 'k', values: ['a', 'b'] });
  });

  it('reads the empty and the blank selector as all()', () => {
    expect(parseSelector('').ast).toEqual({ kind: 'all' });
    expect(parseSelector(' \t').ast).toEqual({ kind: 'all' });
  });
});

describe('parser: Calico tokenizer compatibility', () => {
  it('treats operator words as labels when they stand where a label goes', () => {
    for (const key of ['in', 'not', 'contains', 'starts', 'ends', 'has', 'all', 'global']) {
      expect(parseSelector(`${key} == "x"`).matches({ [key]: 'x' }), key).toBe(true);
    }
  });

  it('accepts operator words glued together or to what follows, as Calico does', () => {
    expect(parseSelector('a notin{"x"}').toString()).toBe('a not in {"x"}');
    expect(parseSelector('a in{"x"}').toString()).toBe('a in {"x"}');
    expect(parseSelector('a contains"x"').toString()).toBe('a contains "x"');
    expect(parseSelector('a startswith"x"').toString()).toBe('a starts with "x"');
    expect(parseSelector('a ends\t\twith "x"').toString()).toBe('a ends with "x"');
  });

  it('accepts a trailing comma in a set, as Calico does', () => {
    expect(parseSelector('a in {"x", "y",}').toString()).toBe('a in {"x", "y"}');
  });

  it('accepts blanks inside has( ), all( ) and global( )', () => {
    expect(parseSelector('has(\ta ) && all( ) && global(  )').toString()).toBe('(has(a) && all() && global())');
  });

  it('takes a literal verbatim: no escapes, and the other quote kind is ordinary text', () => {
    expect(parseSelector(`a == 'x\\"y'`).matches({ a: 'x\\"y' })).toBe(true);
    expect(parseSelector(`a == "it's"`).matches({ a: "it's" })).toBe(true);
  });
});

describe('Selector object', () => {
  it('toString() is stable across calls and equals String(selector)', () => {
    const selector = parseSelector('b == "x"||a == "y"');
    expect(selector.toString()).toBe('(b == "x" || a == "y")');
    expect(String(selector)).toBe(selector.toString());
  });
});
