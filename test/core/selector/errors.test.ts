import { describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH, MAX_SELECTOR_LENGTH, parseSelector, SelectorSyntaxError } from '../../../lib/core/selector';

function syntaxError(text: string): SelectorSyntaxError {
  try {
    parseSelector(text);
  } catch (error) {
    if (error instanceof SelectorSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

/** [what is wrong, input, position, message fragment]. */
const ERRORS: readonly (readonly [string, string, number, string])[] = [
  ['comparing two labels', 'a == b', 5, "expected a string literal at position 5 but found label 'b'"],
  ['comparing two labels with !=', 'a != b', 5, 'expected a string literal at position 5'],
  ['a label on the right of contains', 'a contains b', 11, 'expected a string literal at position 11'],
  ['a literal on the left', '"a" == a', 0, 'expected a label at position 0 but found string literal "a"'],
  ['a bare label', 'a', 1, 'expected an operator (==, !=, in, not in, contains, starts with, ends with) at position 1 but found end of selector'],
  ['a bare label before &&', 'a && has(b)', 2, "expected an operator (==, !=, in, not in, contains, starts with, ends with) at position 2 but found '&&'"],
  ['a label followed by another word', 'a b == "c"', 2, "expected an operator (==, !=, in, not in, contains, starts with, ends with) at position 2 but found 'b'"],
  ['an unterminated double-quoted string', 'a == "b', 5, 'expected a closing " for the string literal at position 5'],
  ['an unterminated single-quoted string', 'a == \'b"', 5, "expected a closing ' for the string literal at position 5"],
  ['an unterminated parenthesis', '(a == "b"', 9, "expected ')' at position 9 but found end of selector (to close the '(' at position 0)"],
  ['an unterminated nested parenthesis', '((has(a)) || has(b)', 19, "expected ')' at position 19"],
  ['an unterminated has(', 'has(a', 5, "expected ')' at position 5 but found end of selector"],
  ['an empty has()', 'has( )', 5, "expected a label key at position 5 but found ')'"],
  ['an argument to all()', 'all(x)', 4, "expected ')' at position 4 but found 'x'"],
  ['an argument to global()', 'global(a)', 7, "expected ')' at position 7 but found 'a'"],
  ['an unterminated set', 'a in {"x"', 9, "expected ',' or '}' at position 9 but found end of selector"],
  ['an unterminated set after a comma', 'a in {"x", ', 11, "expected a string literal or '}' at position 11"],
  ['a set without braces', 'a in "x"', 5, `expected a set literal starting with '{' at position 5 but found string literal "x"`],
  ['a label inside a set', 'a in {b}', 6, "expected a string literal or '}' at position 6 but found label 'b'"],
  ['a lone comma in a set', 'a in {,}', 6, "expected a string literal or '}' at position 6 but found ','"],
  ['set members without a comma', 'a in {"x" "y"}', 10, "expected ',' or '}' at position 10"],
  ['an unexpected character where an expression starts', '#a == "b"', 0, "expected a label, string literal, operator or parenthesis at position 0 but found '#'"],
  ['an unexpected character where an operator goes', 'a # "b"', 2, "expected an operator (==, !=, in, not in, contains, starts with, ends with) at position 2 but found '#'"],
  ['a newline, which Calico does not treat as a blank', 'has(a) &&\nhas(b)', 9, 'expected a label, string literal, operator or parenthesis at position 9 but found U+000A'],
  ['a non-ASCII label character', 'é == "x"', 0, 'found U+00E9'],
  ['a single =', 'a = "b"', 2, "expected '==' at position 2 but found '='"],
  ['a single &', 'has(a) & has(b)', 7, "expected '&&' at position 7"],
  ['a single |', 'has(a) | has(b)', 7, "expected '||' at position 7"],
  ['starts without with', 'a starts "x"', 9, "expected 'with' at position 9 but found '\"' (after 'starts')"],
  ['not without in', 'a not {"x"}', 6, "expected 'in' at position 6"],
  ['a dangling && at the end', 'a == "b" &&', 11, "expected a label, '!', '(', has(), all() or global() at position 11 but found end of selector"],
  ['a dangling || at the end', 'a == "b" ||', 11, 'at position 11 but found end of selector'],
  ['a dangling && at the start', '&& a == "b"', 0, "expected a label, '!', '(', has(), all() or global() at position 0 but found '&&'"],
  ['a dangling || at the start', '|| a == "b"', 0, "but found '||'"],
  ['a dangling !', 'has(a) && !', 11, 'at position 11 but found end of selector'],
  ['a dangling operator', 'a ==', 4, 'expected a string literal at position 4 but found end of selector'],
  ['empty parentheses', '()', 1, "expected a label, '!', '(', has(), all() or global() at position 1 but found ')'"],
  ['trailing garbage after a complete selector', 'a == "b" )', 9, "expected '&&', '||' or the end of the selector at position 9 but found ')'"],
  ['two expressions without an operator', 'a == "b" c == "d"', 9, "expected '&&', '||' or the end of the selector at position 9 but found label 'c'"],
  ['a blank between has and (', 'has (a)', 4, "write 'has(' with no blank before the '('"],
  ['an invalid label key (leading dash)', '-a == "x"', 0, "expected a valid label key at position 0 but found '-a'"],
  ['an invalid label key (upper-case prefix)', 'Example.com/a == "x"', 0, 'the prefix must be a DNS subdomain'],
  ['an invalid label key (two slashes)', 'a/b/c == "x"', 0, "at most one '/'"],
  ['an invalid label key (name too long)', `${'n'.repeat(64)} == "x"`, 0, 'the name part is 64 characters long'],
  ['an invalid label key in has()', 'has(a) && has( b/ )', 15, "expected a valid label key at position 15 but found 'b/'"],
];

describe('selector syntax errors', () => {
  it.each(ERRORS)('rejects %s with its position', (_what, input, position, message) => {
    const error = syntaxError(input);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('SelectorSyntaxError');
    expect(error.position).toBe(position);
    expect(error.message).toContain(message);
  });

  it('every error message says what was expected at which position', () => {
    for (const [, input, position] of ERRORS) {
      expect(syntaxError(input).message).toMatch(new RegExp(`^expected .+ at position ${position}\\b`));
    }
  });

  it('accepts label keys at the limits: a 253-character prefix and a 63-character name', () => {
    const prefix = `${'p'.repeat(63)}.${'q'.repeat(63)}.${'r'.repeat(63)}.${'s'.repeat(61)}`;
    expect(prefix).toHaveLength(253);
    expect(parseSelector(`${prefix}/${'n'.repeat(63)} == "x"`).toString()).toBe(`${prefix}/${'n'.repeat(63)} == "x"`);
  });
});

describe('selector limits on hostile input', () => {
  it(`accepts exactly ${MAX_SELECTOR_LENGTH} characters`, () => {
    const text = `a == "${'x'.repeat(MAX_SELECTOR_LENGTH - 7)}"`;
    expect(text).toHaveLength(MAX_SELECTOR_LENGTH);
    expect(parseSelector(text).matches({ a: 'x'.repeat(MAX_SELECTOR_LENGTH - 7) })).toBe(true);
  });

  it(`rejects ${MAX_SELECTOR_LENGTH + 1} characters at position ${MAX_SELECTOR_LENGTH}, even if only blanks`, () => {
    for (const text of [`a == "${'x'.repeat(MAX_SELECTOR_LENGTH - 6)}"`, ' '.repeat(MAX_SELECTOR_LENGTH + 1)]) {
      const error = syntaxError(text);
      expect(error.position).toBe(MAX_SELECTOR_LENGTH);
      expect(error.message).toContain(`expected a selector of at most ${MAX_SELECTOR_LENGTH} characters`);
    }
  });

  it(`accepts ${MAX_NESTING_DEPTH} levels of parentheses`, () => {
    const text = `${'('.repeat(MAX_NESTING_DEPTH)}has(a)${')'.repeat(MAX_NESTING_DEPTH)}`;
    expect(parseSelector(text).toString()).toBe('has(a)');
  });

  it(`rejects ${MAX_NESTING_DEPTH + 1} levels of parentheses at the first '(' too deep`, () => {
    const text = `${'('.repeat(MAX_NESTING_DEPTH + 1)}has(a)${')'.repeat(MAX_NESTING_DEPTH + 1)}`;
    const error = syntaxError(text);
    expect(error.position).toBe(MAX_NESTING_DEPTH);
    expect(error.message).toContain(`expected at most ${MAX_NESTING_DEPTH} levels of nested parentheses`);
  });

  it('rejects 4000 unclosed parentheses (also alternating with !) with a syntax error, not a stack overflow', () => {
    expect(syntaxError('('.repeat(4000)).position).toBe(MAX_NESTING_DEPTH);
    expect(syntaxError('!('.repeat(2000)).position).toBe(2 * MAX_NESTING_DEPTH + 1);
  });

  it('folds a run of 4000 ! without recursion', () => {
    expect(parseSelector(`${'!'.repeat(4000)}has(a)`).toString()).toBe('has(a)');
    expect(parseSelector(`${'!'.repeat(3999)}has(a)`).toString()).toBe('!has(a)');
  });

  it('parses and evaluates a long flat && chain (no recursion per operand)', () => {
    const text = Array.from({ length: 350 }, (_, i) => `has(k${i})`).join('&&');
    expect(text.length).toBeLessThanOrEqual(MAX_SELECTOR_LENGTH);
    const labels = Object.fromEntries(Array.from({ length: 350 }, (_, i) => [`k${i}`, '']));
    expect(parseSelector(text).matches(labels)).toBe(true);
  });
});
