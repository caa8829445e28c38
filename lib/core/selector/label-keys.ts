import type { SelectorNode } from './ast';

/** Every label key a selector reads: tells whether a namespace's labels can change its verdict. */
export function labelKeys(node: SelectorNode): Set<string> {
  const keys = new Set<string>();
  const stack: SelectorNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.kind === 'has' || n.kind === 'comparison' || n.kind === 'set') keys.add(n.key);
    else if (n.kind === 'not') stack.push(n.operand);
    else if (n.kind === 'and' || n.kind === 'or') stack.push(...n.operands);
  }
  return keys;
}
