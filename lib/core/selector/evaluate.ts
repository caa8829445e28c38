import type { ComparisonOperator, SelectorNode } from './ast';

/** Label sets as they arrive from Kubernetes objects and flow logs. */
export type Labels = Readonly<Record<string, string>>;

/**
 * Evaluates `node` against `labels` with Calico's semantics. Each node is visited at most once
 * and no pattern is compiled from selector text, so the cost is linear in the selector's size
 * (times the length of the label values compared).
 *
 * - `!=` and `not in` match when the label is absent, every other label test fails then.
 * - `global()` evaluates to true, as Calico's GlobalNode does. Its meaning — "non-namespaced
 *   resources", only valid as a namespaceSelector — is about where an object lives, not about its
 *   labels, so it is the caller's job to apply; against a label set it restricts nothing.
 */
export function evaluateSelector(node: SelectorNode, labels: Labels): boolean {
  switch (node.kind) {
    case 'all':
    case 'global':
      return true;
    case 'has':
      return labelValue(labels, node.key) !== undefined;
    case 'comparison': {
      const value = labelValue(labels, node.key);
      return value === undefined ? node.operator === '!=' : compare(node.operator, value, node.value);
    }
    case 'set': {
      const value = labelValue(labels, node.key);
      if (value === undefined) return node.operator === 'not in';
      return node.values.includes(value) === (node.operator === 'in');
    }
    case 'not':
      return !evaluateSelector(node.operand, labels);
    case 'and':
      return node.operands.every((operand) => evaluateSelector(operand, labels));
    case 'or':
      return node.operands.some((operand) => evaluateSelector(operand, labels));
  }
}

function compare(operator: ComparisonOperator, actual: string, expected: string): boolean {
  switch (operator) {
    case '==':
      return actual === expected;
    case '!=':
      return actual !== expected;
    case 'contains':
      return actual.includes(expected);
    case 'starts with':
      return actual.startsWith(expected);
    case 'ends with':
      return actual.endsWith(expected);
  }
}

/**
 * Own properties only: `constructor` and `toString` are valid label keys, and a plain object
 * would otherwise report them present via its prototype. Non-string values (labels parsed from
 * untyped JSON) count as absent rather than being coerced.
 */
function labelValue(labels: Labels, key: string): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(labels, key)) return undefined;
  const value: unknown = labels[key];
  return typeof value === 'string' ? value : undefined;
}
