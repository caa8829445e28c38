/**
 * Tokens of the selector language. Operator kinds are spelled canonically (`starts with` even
 * when written `startswith`) so the parser can hand them straight to the AST; `text` keeps the
 * source spelling for error messages.
 */

/** Tokens that carry nothing beyond their kind. */
export type SimpleTokenKind = '(' | ')' | '{' | '}' | ',' | '==' | '!=' | '!' | '&&' | '||' | 'in' | 'not in' | 'contains' | 'starts with' | 'ends with' | 'all' | 'global' | 'eof';

interface TokenBase {
  /** 0-based offset of the token's first character. */
  readonly position: number;
  /** The source text of the token ('' for eof). */
  readonly text: string;
}

export interface SimpleToken extends TokenBase {
  readonly kind: SimpleTokenKind;
}

export interface LabelToken extends TokenBase {
  readonly kind: 'label';
}

export interface StringToken extends TokenBase {
  readonly kind: 'string';
  /** The literal without its quotes. */
  readonly value: string;
}

/** `has(key)` is one token, as in Calico, which is why `has (key)` is not accepted. */
export interface HasToken extends TokenBase {
  readonly kind: 'has';
  readonly key: string;
  readonly keyPosition: number;
}

export type Token = SimpleToken | LabelToken | StringToken | HasToken;

/** How a token is named in "but found …" messages. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'end of selector';
    case 'label':
      return `label '${token.text}'`;
    case 'string':
      return `string literal ${token.text}`;
    default:
      return `'${token.text}'`;
  }
}

/** How a raw character is named in messages; invisible ones by code point so they can be seen. */
export function describeCharacter(text: string, position: number): string {
  const codePoint = text.codePointAt(position);
  if (codePoint === undefined) return 'end of selector';
  if (codePoint > 0x20 && codePoint < 0x7f) return `'${String.fromCodePoint(codePoint)}'`;
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}
