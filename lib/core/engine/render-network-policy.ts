import { L_STAGED_ACTION } from './annotations';
import type { NetworkPolicy, StagedNetworkPolicy } from './manifest-types';

/**
 * The enforced form of a rendered staged policy (docs/impact-and-enforce.md): a Calico
 * NetworkPolicy with the same name, namespace, tier, selector and rules, as Calico's UI makes it
 * when a staged policy is enforced: no stagedAction in the spec, no stagedAction label.
 */
export function renderNetworkPolicy(staged: StagedNetworkPolicy): NetworkPolicy {
  const { stagedAction: _staged, ...spec } = staged.spec;
  const labels = { ...(staged.metadata.labels ?? {}) };
  delete labels[L_STAGED_ACTION];
  const metadata = { ...staged.metadata, labels };
  return structuredClone({ apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata, spec });
}
