/** A scope (or scope patch) that cannot be accepted; `field` is the dotted path of the culprit. */
export class ScopeValidationError extends Error {
  override readonly name = 'ScopeValidationError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}
