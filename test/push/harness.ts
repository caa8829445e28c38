import { createPublisherFactory } from '../../lib/adapters/kubernetes/publisher-factory';
import { SecretNotFoundError } from '../../lib/adapters/secrets/errors';
import type { SecretReader } from '../../lib/adapters/secrets/secret-reader';
import type { Cluster, Target } from '../../lib/app/cluster';
import type { PushClusterDeps } from '../../lib/app/push/push-cluster';
import type { StateStore } from '../../lib/app/store';
import type { Recommendation } from '../../lib/core/engine';
import type { ScopeSpec } from '../../lib/core/scope';
import { freshStore } from '../support/aws';
import { addNamespace, kubeconfigYaml, startFakeKube, type FakeKubeServer, type KubeconfigAuth } from '../support/fake-kube';
import { SCOPE, TOKEN, manualClock, registerCluster } from './fixtures';

/** Secrets kept in memory; the Secrets Manager adapter itself is tested with aws-sdk-client-mock. */
export class MemorySecrets implements SecretReader {
  readonly values = new Map<string, string>();
  reads = 0;
  async getSecretString(id: string): Promise<string> {
    this.reads++;
    const v = this.values.get(id);
    if (v === undefined) throw new SecretNotFoundError(id);
    return v;
  }
}

export interface Harness {
  readonly store: StateStore;
  readonly fake: FakeKubeServer;
  readonly clock: ReturnType<typeof manualClock>;
  readonly secrets: MemorySecrets;
  readonly deps: PushClusterDeps & { store: StateStore };
  /** Registers a cluster whose kubeconfig secret points at the fake (or at `server`). */
  cluster(id: string, opts?: { auth?: KubeconfigAuth; server?: string; scope?: Partial<ScopeSpec>; target?: Target }): Promise<Cluster>;
  /** Stores recommendations; returns their versions. */
  recommend(clusterId: string, ...recs: Recommendation[]): Promise<number[]>;
  close(): Promise<void>;
}

/** A fresh DynamoDB table and a fresh fake API server per test. */
export async function harness(options: { timeoutMs?: number; namespaces?: Record<string, Record<string, string>> } = {}): Promise<Harness> {
  const s = (await freshStore()).store;
  const fake = await startFakeKube({ tokens: [TOKEN] });
  for (const [ns, labels] of Object.entries(options.namespaces ?? { default: {}, shop: {}, payments: {} })) addNamespace(fake, ns, labels);
  const clock = manualClock();
  const secrets = new MemorySecrets();
  const publishers = createPublisherFactory({ secrets, clock, timeoutMs: options.timeoutMs ?? 5_000, secretCacheSeconds: 0, localTargets: true });
  return {
    store: s,
    fake,
    clock,
    secrets,
    deps: { store: s, publishers, clock },
    async cluster(id, opts = {}) {
      secrets.values.set(`kc/${id}`, kubeconfigYaml({ server: opts.server ?? fake.url, auth: opts.auth ?? { token: TOKEN } }));
      return registerCluster(s, id, opts.target ?? { kubeconfigSecret: `kc/${id}` }, opts.scope ?? SCOPE);
    },
    async recommend(clusterId, ...recs) {
      const versions: number[] = [];
      for (const r of recs) {
        const existing = await s.getRecommendation(clusterId, r.namespace);
        versions.push(await s.putRecommendation(clusterId, r, existing ?? null));
      }
      return versions;
    },
    close: () => fake.close(),
  };
}
