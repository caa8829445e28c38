import type { SelectorNode } from './ast';
import { evaluateSelector, type Labels } from './evaluate';
import { parseSelectorAst } from './parser';
import { printSelector } from './print';

/** A parsed, immutable Calico selector. */
export interface Selector {
  readonly ast: SelectorNode;
  /** Whether an object carrying `labels` is selected. */
  matches(labels: Labels): boolean;
  /** The canonical text; parsing it yields a selector with the same canonical text. */
  toString(): string;
}

/**
 * Parses Calico selector text. The empty or blank selector is `all()`.
 * @throws SelectorSyntaxError with the offset of the first problem.
 */
export function parseSelector(text: string): Selector {
  return new ParsedSelector(parseSelectorAst(text));
}

class ParsedSelector implements Selector {
  // Printed lazily and once: selectors are matched far more often than printed.
  #canonical: string | undefined;

  constructor(readonly ast: SelectorNode) {}

  matches(labels: Labels): boolean {
    return evaluateSelector(this.ast, labels);
  }

  toString(): string {
    this.#canonical ??= printSelector(this.ast);
    return this.#canonical;
  }
}
