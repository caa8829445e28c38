import { UnsupportedKubeconfigError } from './errors';
import type { KubeconfigExec } from './kubeconfig-schema';

/** What an EKS exec entry asks for; served in-process by lib/adapters/eks, nothing is spawned. */
export interface EksExecAuth {
  readonly clusterName: string;
  readonly region?: string;
  readonly roleArn?: string;
}

/** `--name value` and `--name=value`; repeated or unknown flags are refused. */
function flags(args: readonly string[], known: Record<string, string>, where: string): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const name = known[flag];
    if (name === undefined) throw unsupported(where, `an argument it does not recognise at position ${i + 1}`);
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '') throw unsupported(where, `no value for ${flag}`);
    if (out.has(name)) throw unsupported(where, `${flag} twice`);
    out.set(name, value);
  }
  return out;
}

function unsupported(where: string, why: string): UnsupportedKubeconfigError {
  return new UnsupportedKubeconfigError(
    `the kubeconfig in ${where} uses an exec plugin with ${why}; only "aws eks get-token --cluster-name <name> [--region <region>] [--role-arn <arn>]" and "aws-iam-authenticator token -i <name> [-r <arn>]" are supported (or use a token, a client certificate or an eks target)`,
  );
}

const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

/**
 * Recognises the two exec plugins EKS kubeconfigs use and returns what they would have asked STS
 * for. Anything else (another command, extra flags, environment tweaks) is refused: the Lambda
 * never runs programs named by a kubeconfig.
 */
export function parseEksExec(exec: KubeconfigExec, where: string): EksExecAuth {
  const command = exec.command.split('/').pop() ?? '';
  const args = exec.args ?? [];
  if ((exec.env ?? []).some((e) => e.name !== 'AWS_PROFILE' && e.name !== 'AWS_STS_REGIONAL_ENDPOINTS'))
    throw unsupported(where, 'environment variables this service cannot honour');
  let parsed: Map<string, string>;
  const verb = args.findIndex((a, i) => a === 'eks' && args[i + 1] === 'get-token');
  if (command === 'aws' && verb >= 0) {
    // `aws eks update-kubeconfig` writes global options first: `--region r eks get-token …`.
    // A --profile names credentials this function does not have: its own identity (or the role) signs.
    parsed = flags(
      [...args.slice(0, verb), ...args.slice(verb + 2)],
      { '--cluster-name': 'cluster', '--region': 'region', '--role-arn': 'role', '--output': 'output', '--profile': 'profile' },
      where,
    );
    if (parsed.has('output') && parsed.get('output') !== 'json') throw unsupported(where, 'an output format other than json');
  } else if (command === 'aws-iam-authenticator' && args[0] === 'token') {
    parsed = flags(args.slice(1), { '-i': 'cluster', '--cluster-id': 'cluster', '-r': 'role', '--role': 'role', '--region': 'region' }, where);
  } else {
    throw unsupported(where, command === '' ? 'no command' : 'a command other than aws eks get-token or aws-iam-authenticator');
  }
  const clusterName = parsed.get('cluster');
  if (clusterName === undefined || !CLUSTER_NAME.test(clusterName)) throw unsupported(where, 'no valid cluster name');
  const region = parsed.get('region');
  if (region !== undefined && !REGION.test(region)) throw unsupported(where, 'an invalid region');
  const roleArn = parsed.get('role');
  if (roleArn !== undefined && !ROLE_ARN.test(roleArn)) throw unsupported(where, 'an invalid role ARN');
  return { clusterName, ...(region ? { region } : {}), ...(roleArn ? { roleArn } : {}) };
}
