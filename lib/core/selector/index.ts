/**
 * Calico's selector language as a pure module: tokenizer → parser → AST → evaluator and
 * canonical printer. No I/O and no dependencies, so it can run anywhere a selector is checked.
 */
export type { AllNode, AndNode, ComparisonNode, ComparisonOperator, GlobalNode, HasNode, NotNode, OrNode, SelectorNode, SetNode, SetOperator } from './ast';
export { equalsSelectorText, labelEquals } from './builders';
export { SelectorSyntaxError } from './errors';
export { evaluateSelector, type Labels } from './evaluate';
export { labelKeyProblem } from './label-key';
export { MAX_NESTING_DEPTH, MAX_SELECTOR_LENGTH } from './limits';
export { printSelector } from './print';
export { labelKeys } from './label-keys';
export { parseSelector, type Selector } from './selector';
