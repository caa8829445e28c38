/**
 * A selector Calico would not accept (or that this module refuses to produce).
 *
 * `position` is a 0-based UTF-16 offset into the text being parsed — or, for the text builders,
 * into the text that would have been produced — so a caller can point at the culprit inside a
 * scope document or CLI argument without re-deriving it from the message.
 */
export class SelectorSyntaxError extends Error {
  override readonly name = 'SelectorSyntaxError';
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

/**
 * Every syntax error reads "expected X at position N[ but found Y][ (note)]": users fix selectors
 * faster when told what would have been valid than when told only what was wrong.
 */
export function expectedAt(position: number, expected: string, found?: string, note?: string): SelectorSyntaxError {
  let message = `expected ${expected} at position ${position}`;
  if (found !== undefined) message += ` but found ${found}`;
  if (note !== undefined) message += ` (${note})`;
  return new SelectorSyntaxError(message, position);
}
