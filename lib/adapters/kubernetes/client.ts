import { CoreV1Api, CustomObjectsApi, KubernetesObjectApi, ServerConfiguration, createConfiguration } from '@kubernetes/client-node';
import { deadlineMiddleware } from './deadline';
import type { LoadedKubeconfig } from './kubeconfig';

export interface KubeClients {
  readonly core: CoreV1Api;
  readonly custom: CustomObjectsApi;
  /** Used for server-side apply: it sets the patch content type we ask for. */
  readonly objects: KubernetesObjectApi;
}

/**
 * The three API clients share one configuration carrying the per-call deadline middleware
 * (KubeConfig.makeApiClient offers no way to add middleware).
 */
export function createKubeClients(loaded: LoadedKubeconfig): KubeClients {
  const configuration = createConfiguration({
    baseServer: new ServerConfiguration(loaded.config.getCurrentCluster()!.server, {}),
    authMethods: { default: loaded.config },
    promiseMiddleware: [deadlineMiddleware],
  });
  return {
    core: new CoreV1Api(configuration),
    custom: new CustomObjectsApi(configuration),
    objects: new KubernetesObjectApi(configuration),
  };
}
