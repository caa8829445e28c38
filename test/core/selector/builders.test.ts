import { describe, expect, it } from 'vitest';
import { equalsSelectorText, labelEquals, parseSelector, SelectorSyntaxError } from '../../../lib/core/selector';

function thrown(action: () => unknown): SelectorSyntaxError {
  try {
    action();
  } catch (error) {
    if (error instanceof SelectorSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a SelectorSyntaxError');
}

describe('equalsSelectorText', () => {
  it("writes the manifests' single-quoted house style", () => {
    expect(equalsSelectorText('projectcalico.org/name', 'shop', "'")).toBe("projectcalico.org/name == 'shop'");
  });

  it('writes double quotes when asked', () => {
    expect(equalsSelectorText('app', 'web', '"')).toBe('app == "web"');
  });

  it('produces text that parses back to the same comparison', () => {
    const text = equalsSelectorText('projectcalico.org/namespace', 'say "hi"', "'");
    expect(parseSelector(text).ast).toEqual({
      kind: 'comparison',
      operator: '==',
      key: 'projectcalico.org/namespace',
      value: 'say "hi"',
    });
  });

  it('rejects a value containing the chosen quote, at its offset in the would-be text', () => {
    const error = thrown(() => equalsSelectorText('app', "it's", "'"));
    expect(error.position).toBe("app == 'it".length);
    expect(error.message).toContain("expected a value without ' characters at position 10");
  });

  it('rejects an invalid label key at position 0', () => {
    for (const key of ['', 'a b', 'a == "x" || b', 'Upper.Case/x', '-x', 'a/b/c', 'a\n']) {
      const error = thrown(() => equalsSelectorText(key, 'v', "'"));
      expect(error.position, JSON.stringify(key)).toBe(0);
      expect(error.message).toMatch(/^expected a valid label key at position 0/);
    }
  });

  it('rejects text that would exceed the selector length limit', () => {
    expect(() => equalsSelectorText('a', 'x'.repeat(5000), "'")).toThrow(SelectorSyntaxError);
  });
});

describe('labelEquals', () => {
  it('returns the canonical form, which uses double quotes', () => {
    expect(labelEquals('projectcalico.org/name', 'shop')).toBe('projectcalico.org/name == "shop"');
    expect(labelEquals('projectcalico.org/name', 'shop')).toBe(parseSelector("projectcalico.org/name == 'shop'").toString());
  });

  it('switches to single quotes for a value containing a double quote', () => {
    expect(labelEquals('a', 'say "hi"')).toBe(`a == 'say "hi"'`);
  });

  it('rejects a value containing both quote characters, which no literal can spell', () => {
    const error = thrown(() => labelEquals('a', `it's "x"`));
    expect(error.position).toBe('a == "it'.length);
  });

  it('rejects an invalid label key at position 0', () => {
    expect(thrown(() => labelEquals('no spaces', 'v')).position).toBe(0);
  });
});
