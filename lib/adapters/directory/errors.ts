import { PushError } from '../../app/push/errors';

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
