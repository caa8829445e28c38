import { stringify } from 'yaml';
import { testCertificate } from './certs';

export type KubeconfigAuth = { token: string } | { username: string; password: string } | { exec: { command: string; args?: string[] } } | { authProvider: string };

export interface KubeconfigOptions {
  readonly server: string;
  readonly auth: KubeconfigAuth;
  /** Trust the fake's CA (default); false leaves the CA out so verification fails. */
  readonly trustCa?: boolean;
  readonly insecureSkipTlsVerify?: boolean;
}

/** A kubeconfig as users keep them in Secrets Manager or on disk. */
export function kubeconfigYaml(options: KubeconfigOptions): string {
  const cluster: Record<string, unknown> = { server: options.server };
  if (options.trustCa !== false) cluster['certificate-authority-data'] = Buffer.from(testCertificate().cert).toString('base64');
  if (options.insecureSkipTlsVerify) cluster['insecure-skip-tls-verify'] = true;
  const a = options.auth;
  let user: Record<string, unknown>;
  if ('token' in a) user = { token: a.token };
  else if ('username' in a) user = { username: a.username, password: a.password };
  else if ('exec' in a) user = { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: a.exec.command, args: a.exec.args ?? [] } };
  else user = { 'auth-provider': { name: a.authProvider, config: {} } };
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'fake', cluster }],
    users: [{ name: 'pusher', user }],
    contexts: [{ name: 'fake', context: { cluster: 'fake', user: 'pusher' } }],
    'current-context': 'fake',
  });
}
