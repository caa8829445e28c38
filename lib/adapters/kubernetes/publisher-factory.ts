import { readFile } from 'node:fs/promises';
import type { Cluster } from '../../app/cluster';
import type { PolicyPublisher, PublisherFactory, PushClock } from '../../app/push/ports';
import { createDirectoryPublisher } from '../directory/publisher';
import type { SecretReader } from '../secrets/secret-reader';
import { InvalidKubeconfigError } from './errors';
import { loadKubeconfig } from './kubeconfig';
import { createKubernetesPublisher } from './publisher';

export interface PublisherFactoryOptions {
  readonly secrets: SecretReader;
  readonly clock: PushClock;
  readonly timeoutMs: number;
  /** 0 disables the cache: every push reads the secret again. */
  readonly secretCacheSeconds: number;
}

/**
 * Turns a cluster's target into a publisher. Kubeconfigs read from Secrets Manager are kept for
 * a short while per container, so a minute-by-minute schedule does not read every secret every
 * minute; a rotated secret takes effect when the entry expires.
 */
export function createPublisherFactory(options: PublisherFactoryOptions): PublisherFactory {
  const cache = new Map<string, { text: string; until: number }>();

  async function secretText(secretId: string): Promise<string> {
    const now = options.clock.nowMs();
    const hit = cache.get(secretId);
    if (hit && hit.until > now) return hit.text;
    const text = await options.secrets.getSecretString(secretId);
    if (options.secretCacheSeconds > 0) cache.set(secretId, { text, until: now + options.secretCacheSeconds * 1000 });
    return text;
  }

  return {
    async open(cluster: Cluster): Promise<PolicyPublisher> {
      const target = cluster.target;
      const publisherOptions = { clusterId: cluster.id, timeoutMs: options.timeoutMs };
      if ('directory' in target) return createDirectoryPublisher(target.directory, publisherOptions);
      if ('kubeconfigSecret' in target) {
        const loaded = loadKubeconfig(await secretText(target.kubeconfigSecret), { description: `secret ${target.kubeconfigSecret}` });
        return createKubernetesPublisher(loaded, publisherOptions);
      }
      let text: string;
      try {
        text = await readFile(target.kubeconfigFile, 'utf8');
      } catch (err) {
        throw new InvalidKubeconfigError(`the kubeconfig file ${target.kubeconfigFile} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      }
      const loaded = loadKubeconfig(text, { description: `file ${target.kubeconfigFile}`, path: target.kubeconfigFile });
      return createKubernetesPublisher(loaded, publisherOptions);
    },
  };
}
