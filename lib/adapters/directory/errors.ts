import { NamespaceRejectedError, PushError } from '../../app/push/errors';

/** The target folder cannot be read or written (permissions, full disk, not a folder). */
export class DirectoryTargetError extends PushError {
  override readonly name: string = 'DirectoryTargetError';
  constructor(
    readonly directory: string,
    readonly operation: string,
    readonly code: string,
  ) {
    super(`directory ${directory}: ${operation} failed (${code})`);
  }
}

/**
 * A namespace's file holds YAML that does not parse (a hand edit in a GitOps checkout, say). The
 * file is left exactly as it is; only that namespace fails, like a rejected manifest, until the
 * file is fixed or removed.
 */
export class UnparsableTargetFileError extends NamespaceRejectedError {
  override readonly name: string = 'UnparsableTargetFileError';
  constructor(
    readonly directory: string,
    readonly file: string,
    namespace: string,
    readonly invalid: readonly { readonly document: number; readonly line?: number }[],
  ) {
    const where = invalid.map((d) => `document ${d.document}${d.line === undefined ? '' : ` (line ${d.line})`}`).join(', ');
    super(`directory ${directory}`, namespace, `directory ${directory}: ${file} has YAML errors in ${where}; it is left unchanged until fixed`);
  }
}
