import { createHash } from 'node:crypto';
import type { RenderedRecommendation } from '../../core/engine';

/** JSON with object keys sorted, so the digest does not depend on how a builder ordered them. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * What a recommendation puts into the cluster (policy and domain set), as a sha256: publishing
 * by content, so a version bump that changes nothing rendered (evidence only) applies nothing, and a change of rendering (tier, intra-namespace pass) applies
 * every recommendation it affects, frozen board states included.
 */
export function manifestDigest(rendered: RenderedRecommendation): string {
  return createHash('sha256')
    .update(canonical({ policy: rendered.policy, domainSet: rendered.domainSet ?? null }))
    .digest('hex');
}
