import { resolveScope } from '../../core/scope';
import type { ClusterPurger } from '../board/ports';
import type { ClusterStore } from '../store';
import type { PublisherFactory } from './ports';

/**
 * `DELETE /clusters/{id}?purge=true`: removes every object the service manages in the cluster
 * (our staged policies in the tier, our domain NetworkSets). The Tier stays, as Calico's own
 * tooling leaves it. A target that cannot list (a directory) lists its own files instead.
 */
export function createPurger(publishers: PublisherFactory, store: ClusterStore): ClusterPurger {
  return {
    async purge(cluster) {
      const tier = resolveScope((await store.getScope(cluster.id))?.value ?? {}).spec.namespaceSpec.tierName;
      const publisher = await publishers.open(cluster);
      for (const p of (await publisher.listStagedPolicies(tier)) ?? []) {
        await publisher.delete({ kind: 'StagedNetworkPolicy', namespace: p.namespace, name: p.name });
      }
      for (const s of (await publisher.listDomainSets()) ?? []) {
        await publisher.delete({ kind: 'NetworkSet', namespace: s.namespace, name: s.name });
      }
    },
  };
}
