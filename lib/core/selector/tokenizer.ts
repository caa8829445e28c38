import { expectedAt } from './errors';
import { describeCharacter, type SimpleTokenKind, type Token } from './tokens';

/**
 * Splits selector text into tokens the way Calico's tokenizer (libcalico-go selector/tokenizer)
 * does, so that anything accepted here is accepted by Calico's API server. In particular:
 *  - only spaces and tabs are blanks (Calico rejects a newline as an unexpected character);
 *  - operator words (`in`, `contains`, `starts with`, …) are only recognised right after a label,
 *    which is why `in == "x"` compares the label `in`;
 *  - `has(k)`, `all()` and `global()` are single tokens, so no blank may precede their `(`.
 * Every branch consumes input or throws, and each character is looked at a bounded number of
 * times, so tokenizing is linear in the input length.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  for (;;) {
    position = skipBlanks(text, position);
    if (position >= text.length) {
      tokens.push({ kind: 'eof', position: text.length, text: '' });
      return tokens;
    }
    const token = readToken(text, position, tokens.at(-1)?.kind === 'label');
    tokens.push(token);
    position += token.text.length;
  }
}

const OPERATORS = '==, !=, in, not in, contains, starts with, ends with';

/** Operator words written as two words; Calico allows any blanks, including none, between them. */
const TWO_WORD_OPERATORS: readonly (readonly [first: string, second: string, kind: SimpleTokenKind])[] = [
  ['starts', 'with', 'starts with'],
  ['ends', 'with', 'ends with'],
  ['not', 'in', 'not in'],
];

function readToken(text: string, start: number, afterLabel: boolean): Token {
  const char = text.charAt(start);
  switch (char) {
    case '(':
    case ')':
    case '{':
    case '}':
    case ',':
      return { kind: char, position: start, text: char };
    case '"':
    case "'": {
      // No escapes: a literal simply ends at the next quote of its own kind.
      const close = text.indexOf(char, start + 1);
      if (close < 0) {
        throw expectedAt(start, `a closing ${char} for the string literal`, 'end of selector');
      }
      return { kind: 'string', position: start, text: text.slice(start, close + 1), value: text.slice(start + 1, close) };
    }
    case '=':
      return doubled(text, start, '==', '==');
    case '&':
      return doubled(text, start, '&&', '&&');
    case '|':
      return doubled(text, start, '||', '||');
    case '!':
      return text.charAt(start + 1) === '=' ? { kind: '!=', position: start, text: '!=' } : { kind: '!', position: start, text: '!' };
  }
  if (afterLabel) return readOperatorWord(text, start);
  if (text.startsWith('has(', start)) return readHas(text, start);
  if (text.startsWith('all(', start)) return readEmptyCall(text, start, 'all');
  if (text.startsWith('global(', start)) return readEmptyCall(text, start, 'global');
  const end = identifierEnd(text, start);
  if (end > start) return { kind: 'label', position: start, text: text.slice(start, end) };
  throw expectedAt(start, 'a label, string literal, operator or parenthesis', describeCharacter(text, start));
}

/** `==`, `&&` and `||` have no one-character form; say so rather than "unexpected '='". */
function doubled(text: string, start: number, spelling: string, kind: SimpleTokenKind): Token {
  if (text.startsWith(spelling, start)) return { kind, position: start, text: spelling };
  throw expectedAt(start, `'${spelling}'`, describeCharacter(text, start), `a single '${spelling.charAt(0)}' is not an operator`);
}

function readOperatorWord(text: string, start: number): Token {
  if (text.startsWith('contains', start)) return { kind: 'contains', position: start, text: 'contains' };
  for (const [first, second, kind] of TWO_WORD_OPERATORS) {
    if (!text.startsWith(first, start)) continue;
    const secondStart = skipBlanks(text, start + first.length);
    if (!text.startsWith(second, secondStart)) {
      throw expectedAt(secondStart, `'${second}'`, describeWord(text, secondStart), `after '${first}'`);
    }
    return { kind, position: start, text: text.slice(start, secondStart + second.length) };
  }
  if (text.startsWith('in', start)) return { kind: 'in', position: start, text: 'in' };
  throw expectedAt(start, `an operator (${OPERATORS})`, describeWord(text, start));
}

function readHas(text: string, start: number): Token {
  const keyStart = skipBlanks(text, start + 'has('.length);
  const keyEnd = identifierEnd(text, keyStart);
  if (keyEnd === keyStart) {
    throw expectedAt(keyStart, 'a label key', describeCharacter(text, keyStart), "inside 'has('");
  }
  const close = skipBlanks(text, keyEnd);
  if (text.charAt(close) !== ')') {
    throw expectedAt(close, "')'", describeCharacter(text, close), "to close 'has('");
  }
  return {
    kind: 'has',
    position: start,
    text: text.slice(start, close + 1),
    key: text.slice(keyStart, keyEnd),
    keyPosition: keyStart,
  };
}

function readEmptyCall(text: string, start: number, name: 'all' | 'global'): Token {
  const close = skipBlanks(text, start + name.length + 1);
  if (text.charAt(close) !== ')') {
    throw expectedAt(close, "')'", describeCharacter(text, close), `${name}() takes no arguments`);
  }
  return { kind: name, position: start, text: text.slice(start, close + 1) };
}

function skipBlanks(text: string, position: number): number {
  let i = position;
  while (i < text.length && (text.charAt(i) === ' ' || text.charAt(i) === '\t')) i++;
  return i;
}

/**
 * Calico's identifier alphabet, `[a-zA-Z0-9_./-]`. It is wider than a Kubernetes label key on
 * purpose: the parser validates the whole identifier and can then say what is wrong with it.
 */
function isIdentifierChar(char: string): boolean {
  return (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z') || (char >= '0' && char <= '9') || char === '_' || char === '.' || char === '/' || char === '-';
}

function identifierEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && isIdentifierChar(text.charAt(i))) i++;
  return i;
}

/** Names a whole word (`'startz'`) where one is found, otherwise the single character. */
function describeWord(text: string, position: number): string {
  const end = identifierEnd(text, position);
  return end > position ? `'${text.slice(position, end)}'` : describeCharacter(text, position);
}
