/**
 * Selectors arrive from user-edited scope documents. Calico itself sets no limits, but this
 * process evaluates selectors inside request handlers, so hostile input must fail fast with a
 * SelectorSyntaxError instead of burning CPU or overflowing the stack.
 */

/** Longest accepted selector text, in UTF-16 code units. Real selectors are far shorter. */
export const MAX_SELECTOR_LENGTH = 4096;

/**
 * Deepest accepted parenthesis nesting. Only parentheses count: runs of `!` are folded by a loop
 * (see parser.ts), so they cannot grow the stack.
 */
export const MAX_NESTING_DEPTH = 100;
