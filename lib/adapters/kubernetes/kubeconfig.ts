import { dirname } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { InvalidKubeconfigError, UnsupportedKubeconfigError } from './errors';

/** Where a kubeconfig came from, for messages: `secret <name or ARN>` or `file <path>`. */
export interface KubeconfigOrigin {
  readonly description: string;
  /** For files: relative certificate paths are resolved against the file's folder. */
  readonly path?: string;
}

export interface LoadedKubeconfig {
  readonly config: KubeConfig;
  /** The API server URL; safe to show (no credentials). */
  readonly server: string;
  /** Credential values, so messages can be scrubbed of them defensively. */
  readonly secrets: readonly string[];
}

/**
 * Parses and checks a kubeconfig. Supported: bearer token, client certificate, basic auth.
 * Refused: `exec` plugins and `auth-provider`s (they would run programs or reach other services
 * from the Lambda). Parser errors are replaced by a fixed message because YAML errors quote the
 * offending line, which may be a token or a key.
 */
export function loadKubeconfig(text: string, origin: KubeconfigOrigin): LoadedKubeconfig {
  const config = new KubeConfig();
  try {
    config.loadFromString(text);
  } catch {
    throw new InvalidKubeconfigError(`the kubeconfig in ${origin.description} cannot be parsed`);
  }
  if (origin.path !== undefined) config.makePathsAbsolute(dirname(origin.path));
  const context = config.getCurrentContext() ? config.getContextObject(config.getCurrentContext()) : null;
  if (!context) throw new InvalidKubeconfigError(`the kubeconfig in ${origin.description} has no current context`);
  const cluster = config.getCurrentCluster();
  const user = config.getCurrentUser();
  if (!cluster || !cluster.server) throw new InvalidKubeconfigError(`the kubeconfig in ${origin.description} has no cluster for context ${context.name}`);
  if (!user) throw new InvalidKubeconfigError(`the kubeconfig in ${origin.description} has no user for context ${context.name}`);
  if (user.exec) {
    throw new UnsupportedKubeconfigError(
      `the kubeconfig in ${origin.description} uses an exec plugin, which is not supported; use a service-account token, a client certificate or basic auth`,
    );
  }
  if (user.authProvider) {
    throw new UnsupportedKubeconfigError(`the kubeconfig in ${origin.description} uses an auth-provider, which is not supported; use a service-account token`);
  }
  const url = parseUrl(cluster.server);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new InvalidKubeconfigError(`the kubeconfig in ${origin.description} has an invalid server URL`);
  }
  if (url.protocol === 'http:' && !cluster.skipTLSVerify) {
    throw new UnsupportedKubeconfigError(`the kubeconfig in ${origin.description} points at plain http; use https (or set insecure-skip-tls-verify explicitly)`);
  }
  if (url.username || url.password) throw new InvalidKubeconfigError(`the kubeconfig in ${origin.description} has credentials in the server URL`);
  const secrets = [user.token, user.password, user.keyData, user.certData].filter((s): s is string => typeof s === 'string' && s.length > 0);
  return { config, server: `${url.protocol}//${url.host}`, secrets };
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
