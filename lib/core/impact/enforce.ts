import { boardTab, InvalidTransitionError } from '../engine/lifecycle';
import type { Recommendation } from '../engine/model';
import type { Readiness } from './impact-window';

/** Enforcing would deny flows the staged policy was seen denying; `force` overrides (HTTP 409). */
export class WouldDenyError extends Error {
  override readonly name = 'WouldDenyError';
  constructor(
    readonly namespace: string,
    readonly wouldDenyFlows: number,
  ) {
    super(`the staged policy of namespace ${namespace} would deny ${wouldDenyFlows} observed flow(s); enforce with {"force": true} to do it anyway`);
  }
}

/**
 * The `enforce` board action (docs/impact-and-enforce.md): from active only; refused while the
 * current rules would deny observed flows unless forced. Repeating it is a no-op. The push then
 * replaces the staged policy by a NetworkPolicy.
 */
export function requestEnforcement(
  rec: Recommendation,
  impact: { readonly readiness: Readiness; readonly wouldDenyFlows: number },
  options: { readonly force: boolean; readonly now: string },
): { changed: boolean; rec: Recommendation } {
  const tab = boardTab(rec);
  if (tab === 'enforced') return { changed: false, rec };
  if (tab !== 'active') throw new InvalidTransitionError(rec.namespace, 'enforce', tab);
  if (impact.readiness === 'WouldDeny' && !options.force) throw new WouldDenyError(rec.namespace, impact.wouldDenyFlows);
  return { changed: true, rec: { ...rec, enforcement: { requestedAt: options.now, forced: options.force } } };
}
