import type { PolicyHit, PolicyTrace } from './record';

/**
 * The hit that decided the flow (docs/engine.md): the enforced trace is `enforced` when the record
 * has it, otherwise `all` without staged hits; hits may be listed out of order, so the one with
 * the highest index decides (on equal indexes, the later entry). Undefined when nothing matched.
 */
export function decidingHit(trace: PolicyTrace): PolicyHit | undefined {
  const enforced = trace.enforced;
  const hits = enforced ?? trace.all;
  if (hits === undefined) return undefined;
  const skipStaged = enforced === undefined;
  let best: PolicyHit | undefined;
  for (const hit of hits) {
    if (skipStaged && hit.staged) continue;
    if (best === undefined || hit.index >= best.index) best = hit;
  }
  return best;
}

/**
 * Unprotected = no enforced policy decided the flow: there is no policy information, no enforced
 * hit, or the deciding hit is a profile allow.
 */
export function isUnprotected(trace: PolicyTrace | null): boolean {
  if (trace === null) return true;
  const hit = decidingHit(trace);
  return hit === undefined || (hit.profile && hit.action === 'allow');
}
