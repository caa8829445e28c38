import { readFile } from 'node:fs/promises';
import { KubeConfig } from '@kubernetes/client-node';
import type { Cluster, EksTarget } from '../../app/cluster';
import { TargetAccessError } from '../../app/push/errors';
import type { PolicyPublisher, PublisherFactory } from '../../app/push/ports';
import type { Clock } from '../../core/engine';
import { createDirectoryPublisher } from '../directory/publisher';
import type { EksEndpoint } from '../eks/describe';
import type { EksIdentity, EksTokenSource } from '../eks/token-source';
import type { SecretReader } from '../secrets/secret-reader';
import { InvalidKubeconfigError } from './errors';
import { loadKubeconfig, type LoadedKubeconfig } from './kubeconfig';
import { createKubernetesPublisher } from './publisher';

/** How EKS clusters are reached: DescribeCluster for endpoint and CA, STS for the token. */
export interface EksAccess {
  describe(name: string, region: string): Promise<EksEndpoint>;
  tokens(identity: EksIdentity): EksTokenSource;
  /** For kubeconfig exec entries without --region: the function's own region. */
  readonly defaultRegion: string;
}

export interface PublisherFactoryOptions {
  readonly secrets: SecretReader;
  readonly clock: Clock;
  readonly timeoutMs: number;
  /** 0 disables the cache: every push reads the secret again. */
  readonly secretCacheSeconds: number;
  /** `kubeconfigFile` and `directory` targets and plain-http servers: the local stack only. */
  readonly localTargets: boolean;
  /** Absent: EKS targets and EKS exec kubeconfigs fail their cluster with a clear error. */
  readonly eks?: EksAccess;
}

/**
 * Turns a cluster's target into a publisher. Kubeconfigs read from Secrets Manager are kept for
 * a short while per container, so a minute-by-minute schedule does not read every secret every
 * minute; a rotated secret takes effect when the entry expires.
 */
export function createPublisherFactory(options: PublisherFactoryOptions): PublisherFactory {
  const cache = new Map<string, { text: string; until: number }>();
  const policy = { allowPlainHttp: options.localTargets };

  async function secretText(secretId: string): Promise<string> {
    const now = options.clock.nowMs();
    const hit = cache.get(secretId);
    if (hit && hit.until > now) return hit.text;
    const text = await options.secrets.getSecretString(secretId);
    if (options.secretCacheSeconds > 0) cache.set(secretId, { text, until: now + options.secretCacheSeconds * 1000 });
    return text;
  }

  function eksAccess(what: string): EksAccess {
    if (!options.eks) throw new TargetAccessError(`${what} needs EKS access, which this deployment does not have`);
    return options.eks;
  }

  /** An EKS exec user gets its token from STS in-process instead of running the plugin. */
  function withEksBearer(loaded: LoadedKubeconfig, where: string): LoadedKubeconfig {
    if (!loaded.eks) return loaded;
    const access = eksAccess(`the kubeconfig in ${where}`);
    const source = access.tokens({
      clusterName: loaded.eks.clusterName,
      region: loaded.eks.region ?? access.defaultRegion,
      ...(loaded.eks.roleArn ? { roleArn: loaded.eks.roleArn } : {}),
    });
    return { ...loaded, bearer: () => source.token() };
  }

  async function eksKubeconfig(target: EksTarget): Promise<LoadedKubeconfig> {
    const access = eksAccess(`EKS cluster ${target.name}`);
    const endpoint = await access.describe(target.name, target.region);
    const config = new KubeConfig();
    config.loadFromOptions({
      clusters: [{ name: 'eks', server: endpoint.server, caData: endpoint.caData, skipTLSVerify: false }],
      users: [{ name: 'eks' }],
      contexts: [{ name: 'eks', cluster: 'eks', user: 'eks' }],
      currentContext: 'eks',
    });
    const source = access.tokens({ clusterName: target.name, region: target.region, ...(target.roleArn ? { roleArn: target.roleArn } : {}) });
    return { config, server: endpoint.server, secrets: [], bearer: () => source.token() };
  }

  return {
    async open(cluster: Cluster): Promise<PolicyPublisher> {
      const target = cluster.target;
      const publisherOptions = { clusterId: cluster.id, timeoutMs: options.timeoutMs };
      if ('kubeconfigSecret' in target) {
        const where = `secret ${target.kubeconfigSecret}`;
        return createKubernetesPublisher(withEksBearer(loadKubeconfig(await secretText(target.kubeconfigSecret), { description: where }, policy), where), publisherOptions);
      }
      if ('eks' in target) return createKubernetesPublisher(await eksKubeconfig(target.eks), publisherOptions);
      if (!options.localTargets) throw new TargetAccessError(`cluster ${cluster.id} has a local-stack target (a path on this function's disk), which a deployed service refuses`);
      if ('directory' in target) return createDirectoryPublisher(target.directory, publisherOptions);
      let text: string;
      try {
        text = await readFile(target.kubeconfigFile, 'utf8');
      } catch (err) {
        throw new InvalidKubeconfigError(`the kubeconfig file ${target.kubeconfigFile} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      }
      const where = `file ${target.kubeconfigFile}`;
      return createKubernetesPublisher(withEksBearer(loadKubeconfig(text, { description: where, path: target.kubeconfigFile }, policy), where), publisherOptions);
    },
  };
}
