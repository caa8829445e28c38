import { canonicalSetValues, negate, type ComparisonOperator, type SelectorNode, type SetOperator } from './ast';
import { expectedAt } from './errors';
import { assertLabelKey } from './label-key';
import { MAX_NESTING_DEPTH, MAX_SELECTOR_LENGTH } from './limits';
import { tokenize } from './tokenizer';
import { describeToken, type LabelToken, type Token } from './tokens';

/**
 * Recursive-descent parser following Calico's grammar (libcalico-go selector/parser):
 *
 *   selector   := <empty> | or
 *   or         := and ('||' and)*
 *   and        := operation ('&&' operation)*
 *   operation  := '!'* primary
 *   primary    := has(k) | all() | global() | '(' or ')' | k op literal | k in-op set
 *   set        := '{' [literal (',' literal)* [',']] '}'
 *
 * `&&` binds tighter than `||` because `and` sits below `or`. The only recursion is through
 * parentheses, which are capped at MAX_NESTING_DEPTH, so hostile input cannot overflow the stack.
 */
export function parseSelectorAst(text: string): SelectorNode {
  if (text.length > MAX_SELECTOR_LENGTH) {
    throw expectedAt(MAX_SELECTOR_LENGTH, `a selector of at most ${MAX_SELECTOR_LENGTH} characters`, `${text.length} characters`);
  }
  return new Parser(tokenize(text)).parseRoot();
}

const COMPARISON_OPERATORS: ReadonlySet<string> = new Set<ComparisonOperator>(['==', '!=', 'contains', 'starts with', 'ends with']);
const SET_OPERATORS: ReadonlySet<string> = new Set<SetOperator>(['in', 'not in']);

const START_OF_OPERATION = "a label, '!', '(', has(), all() or global()";
const OPERATOR = 'an operator (==, !=, in, not in, contains, starts with, ends with)';

function isComparisonOperator(kind: string): kind is ComparisonOperator {
  return COMPARISON_OPERATORS.has(kind);
}

function isSetOperator(kind: string): kind is SetOperator {
  return SET_OPERATORS.has(kind);
}

class Parser {
  private index = 0;
  private readonly end: Token;

  constructor(private readonly tokens: readonly Token[]) {
    const last = tokens.at(-1);
    if (last?.kind !== 'eof') throw new Error('tokenizer invariant broken: token list must end with eof');
    this.end = last;
  }

  parseRoot(): SelectorNode {
    // Calico reads an empty (or blank) selector as all().
    if (this.peek().kind === 'eof') return { kind: 'all' };
    const node = this.parseOr(0);
    const trailing = this.next();
    if (trailing.kind !== 'eof') {
      throw expectedAt(trailing.position, "'&&', '||' or the end of the selector", describeToken(trailing));
    }
    return node;
  }

  private peek(): Token {
    return this.tokens[this.index] ?? this.end;
  }

  /** Consumes a token; at the end it keeps returning eof, so callers need no bounds checks. */
  private next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  private parseOr(depth: number): SelectorNode {
    const first = this.parseAnd(depth);
    const rest: SelectorNode[] = [];
    while (this.peek().kind === '||') {
      this.next();
      rest.push(this.parseAnd(depth));
    }
    const [second, ...others] = rest;
    return second === undefined ? first : { kind: 'or', operands: [first, second, ...others] };
  }

  private parseAnd(depth: number): SelectorNode {
    const first = this.parseOperation(depth);
    const rest: SelectorNode[] = [];
    while (this.peek().kind === '&&') {
      this.next();
      rest.push(this.parseOperation(depth));
    }
    const [second, ...others] = rest;
    return second === undefined ? first : { kind: 'and', operands: [first, second, ...others] };
  }

  private parseOperation(depth: number): SelectorNode {
    // Like Calico, fold a run of '!' to its parity with a loop: `!!!!…` costs no stack.
    let negated = false;
    while (this.peek().kind === '!') {
      this.next();
      negated = !negated;
    }
    const node = this.parsePrimary(depth);
    return negated ? negate(node) : node;
  }

  private parsePrimary(depth: number): SelectorNode {
    const token = this.next();
    switch (token.kind) {
      case 'has':
        assertLabelKey(token.key, token.keyPosition);
        return { kind: 'has', key: token.key };
      case 'all':
        return { kind: 'all' };
      case 'global':
        return { kind: 'global' };
      case 'label':
        return this.parseLabelOperation(token);
      case '(':
        return this.parseParenthesised(token, depth);
      case 'string':
        throw expectedAt(token.position, 'a label', describeToken(token), 'the label goes on the left of the operator and the literal on the right');
      default:
        throw expectedAt(token.position, START_OF_OPERATION, describeToken(token));
    }
  }

  private parseParenthesised(open: Token, depth: number): SelectorNode {
    if (depth >= MAX_NESTING_DEPTH) {
      throw expectedAt(open.position, `at most ${MAX_NESTING_DEPTH} levels of nested parentheses`, "another '('");
    }
    const inner = this.parseOr(depth + 1);
    const close = this.next();
    if (close.kind !== ')') {
      throw expectedAt(close.position, "')'", describeToken(close), `to close the '(' at position ${open.position}`);
    }
    return inner;
  }

  private parseLabelOperation(label: LabelToken): SelectorNode {
    assertLabelKey(label.text, label.position);
    const operator = this.next();
    const kind = operator.kind;
    if (isComparisonOperator(kind)) {
      const literal = this.next();
      if (literal.kind !== 'string') {
        throw expectedAt(literal.position, 'a string literal', describeToken(literal));
      }
      return { kind: 'comparison', operator: kind, key: label.text, value: literal.value };
    }
    if (isSetOperator(kind)) {
      return { kind: 'set', operator: kind, key: label.text, values: this.parseSetLiteral() };
    }
    // `has (a)` tokenizes as the label `has` followed by '(' — point at the real mistake.
    const note = kind === '(' && (label.text === 'has' || label.text === 'all' || label.text === 'global') ? `write '${label.text}(' with no blank before the '('` : undefined;
    throw expectedAt(operator.position, OPERATOR, describeToken(operator), note);
  }

  /** Calico accepts a trailing comma (`{"a",}`) but not a lone one (`{,}`); so does this. */
  private parseSetLiteral(): string[] {
    const open = this.next();
    if (open.kind !== '{') {
      throw expectedAt(open.position, "a set literal starting with '{'", describeToken(open));
    }
    const values: string[] = [];
    let token = this.next();
    let afterValue = false;
    while (token.kind === 'string') {
      values.push(token.value);
      token = this.next();
      afterValue = token.kind !== ',';
      if (afterValue) break;
      token = this.next();
    }
    if (token.kind !== '}') {
      throw expectedAt(token.position, afterValue ? "',' or '}'" : "a string literal or '}'", describeToken(token), `to complete the set opened at position ${open.position}`);
    }
    return canonicalSetValues(values);
  }
}
