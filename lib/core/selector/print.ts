import { canonicalSetValues, type SelectorNode } from './ast';

/**
 * Prints `node` in Calico's canonical form (libcalico-go selector/parser/ast.go
 * collectFragments): operators spaced, every `&&` / `||` group parenthesised, `!` written
 * directly before its operand (so `!a == "b"`, which Calico reads back as `!(a == "b")`), set
 * members sorted and de-duplicated. Two departures keep print ∘ parse a fixed point for every
 * AST: double negations cancel, and a set member containing `"` is single-quoted (Calico does
 * that for single values only).
 *
 * Fragments are collected and joined once so printing is linear in the output size.
 */
export function printSelector(node: SelectorNode): string {
  const fragments: string[] = [];
  appendNode(node, fragments);
  return fragments.join('');
}

/**
 * A literal in double quotes unless it contains one. A literal cannot contain its own quote
 * character and there are no escapes, so a value holding both kinds has no spelling at all.
 */
export function quoteLiteral(value: string): string {
  if (!value.includes('"')) return `"${value}"`;
  if (!value.includes("'")) return `'${value}'`;
  throw new RangeError(`a selector literal cannot contain both ' and ": ${JSON.stringify(value)}`);
}

function appendNode(node: SelectorNode, fragments: string[]): void {
  switch (node.kind) {
    case 'all':
      fragments.push('all()');
      return;
    case 'global':
      fragments.push('global()');
      return;
    case 'has':
      fragments.push('has(', node.key, ')');
      return;
    case 'comparison':
      fragments.push(node.key, ' ', node.operator, ' ', quoteLiteral(node.value));
      return;
    case 'set':
      fragments.push(node.key, ' ', node.operator, ' {', canonicalSetValues(node.values).map(quoteLiteral).join(', '), '}');
      return;
    case 'not': {
      let negated = true;
      let operand = node.operand;
      while (operand.kind === 'not') {
        negated = !negated;
        operand = operand.operand;
      }
      if (negated) fragments.push('!');
      appendNode(operand, fragments);
      return;
    }
    case 'and':
    case 'or': {
      const separator = node.kind === 'and' ? ' && ' : ' || ';
      fragments.push('(');
      node.operands.forEach((operand, index) => {
        if (index > 0) fragments.push(separator);
        appendNode(operand, fragments);
      });
      fragments.push(')');
      return;
    }
  }
}
