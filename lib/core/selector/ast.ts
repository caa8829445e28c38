/**
 * The selector AST. It mirrors Calico's node types (libcalico-go selector/parser/ast.go) so that
 * printing and evaluation can follow Calico node by node; parentheses leave no trace because
 * `&&` / `||` nodes always print their own.
 */

/** Operators that compare a label's value with one string literal; spelled as they print. */
export type ComparisonOperator = '==' | '!=' | 'contains' | 'starts with' | 'ends with';

/** Operators that test a label's value against a set literal; spelled as they print. */
export type SetOperator = 'in' | 'not in';

export interface AllNode {
  readonly kind: 'all';
}

/** Only meaningful as a namespaceSelector; see evaluate.ts for why it matches any label set. */
export interface GlobalNode {
  readonly kind: 'global';
}

export interface HasNode {
  readonly kind: 'has';
  readonly key: string;
}

export interface ComparisonNode {
  readonly kind: 'comparison';
  readonly operator: ComparisonOperator;
  readonly key: string;
  readonly value: string;
}

export interface SetNode {
  readonly kind: 'set';
  readonly operator: SetOperator;
  readonly key: string;
  /** Sorted by UTF-16 code unit and de-duplicated when produced by the parser. */
  readonly values: readonly string[];
}

export interface NotNode {
  readonly kind: 'not';
  readonly operand: SelectorNode;
}

/**
 * n-ary like Calico's, not binary: `a && b && c` is one node, so it prints as `(a && b && c)`
 * rather than `((a && b) && c)`. The tuple type keeps a one-operand node, which would print as a
 * redundant parenthesis, out of the type.
 */
export interface AndNode {
  readonly kind: 'and';
  readonly operands: readonly [SelectorNode, SelectorNode, ...SelectorNode[]];
}

export interface OrNode {
  readonly kind: 'or';
  readonly operands: readonly [SelectorNode, SelectorNode, ...SelectorNode[]];
}

export type SelectorNode = AllNode | GlobalNode | HasNode | ComparisonNode | SetNode | NotNode | AndNode | OrNode;

/**
 * Set members in canonical order. The default `sort()` compares UTF-16 code units, which is the
 * order the canonical form promises; it differs from Calico's byte-wise Go sort only when a set
 * mixes characters above U+FFFF with characters in U+E000–U+FFFF.
 */
export function canonicalSetValues(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/**
 * Negation that cancels double negation. Calico folds a run of `!` to its parity; doing the same
 * through parentheses too (`!(!has(a))` → `has(a)`) is what makes the printed form a fixed point:
 * Calico would print `!!has(a)`, which it then re-reads as `has(a)`.
 */
export function negate(node: SelectorNode): SelectorNode {
  return node.kind === 'not' ? node.operand : { kind: 'not', operand: node };
}
