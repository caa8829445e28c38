import { dirname } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { parseDocument, visit } from 'yaml';
import { InvalidKubeconfigError, UnsupportedKubeconfigError } from './errors';
import { parseEksExec, type EksExecAuth } from './exec-auth';
import { describeIssue, kubeconfigSchema, type KubeconfigDocument } from './kubeconfig-schema';

/** Where a kubeconfig came from, for messages: `secret <name or ARN>` or `file <path>`. */
export interface KubeconfigOrigin {
  readonly description: string;
  /** Set for files only: relative certificate paths resolve against its folder. Secrets may not name files. */
  readonly path?: string;
}

export interface KubeconfigPolicy {
  /** Plain `http://` API servers: the local stack only. */
  readonly allowPlainHttp?: boolean;
}

export interface LoadedKubeconfig {
  readonly config: KubeConfig;
  /** The API server URL; safe to show (no credentials). */
  readonly server: string;
  /** Credential values, so messages can be scrubbed of them defensively. */
  readonly secrets: readonly string[];
  /** Set when the user is an EKS exec entry: the caller supplies `bearer`. */
  readonly eks?: EksExecAuth;
  /** Produces the bearer token per request (EKS tokens are renewed while the publisher lives). */
  readonly bearer?: () => Promise<string>;
}

/** Kubeconfigs are a few KiB; anything this big is a mistake or an attack. */
export const MAX_KUBECONFIG_BYTES = 1024 * 1024;

/**
 * Parses a kubeconfig as untrusted input: size-limited, no YAML aliases (an alias bomb expands a
 * few hundred bytes into gigabytes), every credential a string, no file references unless the
 * kubeconfig is itself a file, https only. Messages say what is wrong and where, never quote the
 * document (a YAML error would quote the offending line, which may be a token).
 */
export function loadKubeconfig(text: string, origin: KubeconfigOrigin, policy: KubeconfigPolicy = {}): LoadedKubeconfig {
  const where = origin.description;
  const invalid = (why: string) => new InvalidKubeconfigError(`the kubeconfig in ${where} ${why}`);
  if (Buffer.byteLength(text, 'utf8') > MAX_KUBECONFIG_BYTES) throw invalid(`is larger than ${MAX_KUBECONFIG_BYTES} bytes`);
  const doc = kubeconfigSchema.safeParse(parseYaml(text, invalid));
  if (!doc.success) throw invalid(`is invalid: ${describeIssue(doc.error.issues[0]!)}`);
  const kc: KubeconfigDocument = doc.data;

  const context = kc.contexts.find((c) => c.name === kc['current-context']);
  if (!context) throw invalid('has no current context');
  const cluster = kc.clusters.find((c) => c.name === context.context.cluster)?.cluster;
  if (!cluster) throw invalid(`has no cluster for context ${context.name}`);
  const user = kc.users.find((u) => u.name === context.context.user)?.user;
  if (!user) throw invalid(`has no user for context ${context.name}`);

  const fromFile = origin.path !== undefined;
  const fileRefs: string[] = (['token-file', 'client-certificate', 'client-key'] as const).filter((k) => user[k] !== undefined);
  if (cluster['certificate-authority'] !== undefined) fileRefs.push('certificate-authority');
  if (user['token-file'] !== undefined && fromFile)
    throw new UnsupportedKubeconfigError(`the kubeconfig in ${where} uses token-file, which is not supported; put the token in the kubeconfig`);
  if (!fromFile && fileRefs.length > 0) {
    throw new UnsupportedKubeconfigError(`the kubeconfig in ${where} refers to files (${fileRefs.join(', ')}); a stored kubeconfig must carry its data inline (*-data fields)`);
  }
  if (user['auth-provider'] !== undefined)
    throw new UnsupportedKubeconfigError(`the kubeconfig in ${where} uses an auth-provider, which is not supported; use a service-account token`);
  if (cluster['proxy-url'] !== undefined) throw new UnsupportedKubeconfigError(`the kubeconfig in ${where} uses proxy-url, which is not supported`);
  const eks = user.exec ? parseEksExec(user.exec, where) : undefined;

  const url = parseUrl(cluster.server);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw invalid('has an invalid server URL');
  if (url.protocol === 'http:' && !policy.allowPlainHttp) throw new UnsupportedKubeconfigError(`the kubeconfig in ${where} points at plain http; use https`);
  if (url.username || url.password) throw invalid('has credentials in the server URL');

  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [
      {
        name: 'target',
        server: cluster.server,
        caData: cluster['certificate-authority-data'],
        caFile: cluster['certificate-authority'],
        skipTLSVerify: cluster['insecure-skip-tls-verify'] === true,
        tlsServerName: cluster['tls-server-name'],
      },
    ],
    users: [
      {
        name: 'target',
        token: user.token,
        username: user.username,
        password: user.password,
        certData: user['client-certificate-data'],
        keyData: user['client-key-data'],
        certFile: user['client-certificate'],
        keyFile: user['client-key'],
      },
    ],
    contexts: [{ name: 'target', cluster: 'target', user: 'target' }],
    currentContext: 'target',
  });
  if (origin.path !== undefined) config.makePathsAbsolute(dirname(origin.path));
  const secrets = [user.token, user.password, user['client-key-data'], user['client-certificate-data']].filter((s): s is string => typeof s === 'string' && s.length > 0);
  return { config, server: `${url.protocol}//${url.host}`, secrets, ...(eks ? { eks } : {}) };
}

function parseYaml(text: string, invalid: (why: string) => Error): unknown {
  let doc;
  try {
    doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  } catch {
    throw invalid('cannot be parsed');
  }
  if (doc.errors.length > 0) throw invalid('cannot be parsed');
  let aliases = false;
  visit(doc, {
    Alias() {
      aliases = true;
      return visit.BREAK;
    },
  });
  if (aliases) throw invalid('uses YAML aliases, which are not accepted');
  try {
    return doc.toJS({ maxAliasCount: 0 });
  } catch {
    throw invalid('cannot be parsed');
  }
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
