import type { ComparisonNode } from './ast';
import { expectedAt } from './errors';
import { assertLabelKey } from './label-key';
import { parseSelectorAst } from './parser';
import { printSelector } from './print';

/** Where the value starts inside `key == "value"`: after the key, ` == ` and the opening quote. */
function valueOffset(key: string): number {
  return key.length + ' == '.length + 1;
}

/**
 * The canonical text of `key == "value"`, printed from an AST so it is byte-for-byte what
 * `parseSelector(...).toString()` would give (double quotes unless the value contains one).
 * @throws SelectorSyntaxError if `key` is not a label key or `value` contains both quote kinds;
 *   positions are offsets into the text that would have been produced.
 */
export function labelEquals(key: string, value: string): string {
  assertLabelKey(key, 0);
  if (value.includes('"') && value.includes("'")) {
    throw expectedAt(valueOffset(key) + value.indexOf("'"), `a value that does not contain both ' and "`, "'");
  }
  const node: ComparisonNode = { kind: 'comparison', operator: '==', key, value };
  return ensureParses(printSelector(node));
}

/**
 * `key == 'value'` quoted with `quote`, for manifests whose house style is single quotes (the
 * canonical form would use double quotes). The result always parses back to the same comparison.
 * @throws SelectorSyntaxError if `key` is not a label key or `value` contains `quote`;
 *   positions are offsets into the text that would have been produced.
 */
export function equalsSelectorText(key: string, value: string, quote: "'" | '"'): string {
  assertLabelKey(key, 0);
  const clash = value.indexOf(quote);
  if (clash >= 0) {
    throw expectedAt(valueOffset(key) + clash, `a value without ${quote} characters`, quote, `the literal is quoted with ${quote}`);
  }
  return ensureParses(`${key} == ${quote}${value}${quote}`);
}

/**
 * Texts that parsed before. Rendering builds the same few hundred namespace and set selectors for
 * thousands of rules; parsing each once is enough. Bounded: cleared when full.
 */
const parsedTexts = new Set<string>();
const PARSED_TEXTS_LIMIT = 16_384;

/**
 * Text bound for a manifest must be text Calico (and this parser) accepts; re-parsing also
 * enforces MAX_SELECTOR_LENGTH on very long values.
 */
function ensureParses(text: string): string {
  if (parsedTexts.has(text)) return text;
  parseSelectorAst(text);
  if (parsedTexts.size >= PARSED_TEXTS_LIMIT) parsedTexts.clear();
  parsedTexts.add(text);
  return text;
}
