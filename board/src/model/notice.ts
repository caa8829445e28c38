import { ApiError } from '../api/client';

export interface Notice {
  readonly kind: 'info' | 'error';
  readonly text: string;
}

/** A refused action in words; a 409 means the state moved under us, so the rows are reloaded. */
export function problemNotice(err: unknown, namespaces: readonly string[]): Notice {
  if (err instanceof ApiError && err.status === 409) {
    return { kind: 'error', text: `Someone else changed ${namespaces.join(', ')} in the meantime (${err.message}). The board was refreshed: check the row and try again.` };
  }
  if (err instanceof ApiError && err.status === 403) return { kind: 'error', text: `Not allowed: ${err.message}.` };
  return { kind: 'error', text: err instanceof Error ? err.message : String(err) };
}
