import {
  CoreV1Api,
  CustomObjectsApi,
  KubernetesObjectApi,
  ServerConfiguration,
  createConfiguration,
  type RequestContext,
  type SecurityAuthentication,
} from '@kubernetes/client-node';
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
    authMethods: { default: authentication(loaded) },
    promiseMiddleware: [deadlineMiddleware],
  });
  return {
    core: new CoreV1Api(configuration),
    custom: new CustomObjectsApi(configuration),
    objects: new KubernetesObjectApi(configuration),
  };
}

/** TLS and static credentials from the kubeconfig; a bearer source (EKS) adds a fresh token per request. */
function authentication(loaded: LoadedKubeconfig): SecurityAuthentication {
  const { bearer } = loaded;
  if (!bearer) return loaded.config;
  return {
    getName: () => 'bearer',
    async applySecurityAuthentication(context: RequestContext) {
      await loaded.config.applySecurityAuthentication(context);
      context.setHeaderParam('Authorization', `Bearer ${await bearer()}`);
    },
  };
}
