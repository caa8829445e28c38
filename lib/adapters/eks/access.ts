import type { EksAccess } from '../kubernetes/publisher-factory';
import { regionalClients } from './clients';
import { describeEksCluster } from './describe';
import { createEksAuth } from './token-source';

/** The real EKS access for composition roots: AWS clients per region, tokens cached per identity. */
export function createEksAccess(defaultRegion: string, nowMs: () => number): EksAccess {
  const clients = regionalClients();
  const auth = createEksAuth({ sts: clients.sts, nowMs });
  return {
    defaultRegion,
    describe: (name, region) => describeEksCluster(clients.eks(region), name),
    tokens: (identity) => auth.source(identity),
  };
}
