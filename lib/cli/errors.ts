/** Input the CLI cannot use (exit code 2, one-line reason on stderr). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
