/**
 * Scheduled events carry no payload we use; a direct invocation may carry
 * `{"clusters": ["id", …], "force": true}`. Anything else is treated as a plain scheduled run.
 */
export function parseProcessRequest(event: unknown): { clusters?: string[]; force?: boolean } {
  if (typeof event !== 'object' || event === null) return {};
  const e = event as Record<string, unknown>;
  const clusters = Array.isArray(e.clusters) ? e.clusters.filter((c): c is string => typeof c === 'string') : undefined;
  return { ...(clusters ? { clusters } : {}), force: e.force === true };
}
