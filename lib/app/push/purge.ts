import type { Cluster } from '../cluster';
import type { PublisherFactory } from './ports';

/**
 * Unregistration with `?purge=true`: removes every object the service manages in the target —
 * our staged policies in every tier (a previous tier's too) and our domain NetworkSets, i.e. only
 * objects carrying our managed-by label, never ones Calico's own recommender made. The Tier stays,
 * as Calico's own tooling leaves it. A directory target lists its own files instead.
 */
export async function purgeCluster(publishers: PublisherFactory, cluster: Cluster): Promise<void> {
  const publisher = await publishers.open(cluster);
  for (const p of (await publisher.listStagedPolicies()) ?? []) {
    await publisher.delete({ kind: 'StagedNetworkPolicy', namespace: p.namespace, name: p.name });
  }
  for (const s of (await publisher.listDomainSets()) ?? []) {
    await publisher.delete({ kind: 'NetworkSet', namespace: s.namespace, name: s.name });
  }
}
