import { isDns1123Subdomain } from '../../core/names';
import type { FlowLogLocation, Target } from '../cluster';
import type { DeploymentReach } from './ports';
import { InvalidInputError } from './errors';

/** S3 general-purpose bucket naming rules. */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const RESERVED_BUCKET_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_BUCKET_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];
const MAX_PREFIX = 512;
const MAX_PATH = 4096;
/** Secrets Manager: a name of its allowed characters, or a full secret ARN. */
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}$/;
const NON_PRINTABLE = /\p{C}/u;
const EKS_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

/** `*` matches any run of characters; everything else literally (IAM's own ARN pattern syntax). */
function matchesArnPattern(arn: string, pattern: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(arn);
}

export function checkBucket(bucket: string): void {
  const bad = (why: string) => new InvalidInputError('flowLogs.bucket', why);
  if (!BUCKET.test(bucket)) throw bad('must be 3-63 lowercase letters, digits, "." or "-", starting and ending with a letter or digit');
  if (bucket.includes('..')) throw bad('must not contain two adjacent periods');
  if (IPV4.test(bucket)) throw bad('must not be formatted as an IP address');
  if (RESERVED_BUCKET_PREFIXES.some((p) => bucket.startsWith(p)) || RESERVED_BUCKET_SUFFIXES.some((s) => bucket.endsWith(s))) {
    throw bad('uses a prefix or suffix S3 reserves');
  }
}

/** Returns the prefix without trailing slashes: keys are `<prefix>/flows…`, so the slash is implied. */
export function normalizePrefix(prefix: string): string {
  const bad = (why: string) => new InvalidInputError('flowLogs.prefix', why);
  const trimmed = prefix.replace(/\/+$/, '');
  if (trimmed.length > MAX_PREFIX) throw bad(`must be at most ${MAX_PREFIX} characters`);
  if (NON_PRINTABLE.test(trimmed)) throw bad('must contain printable characters only');
  if (trimmed.startsWith('/')) throw bad('must not start with "/"');
  if (trimmed.includes('..')) throw bad('must not contain ".."');
  if (trimmed !== '' && trimmed.split('/').some((s) => s === '' || s === '.')) throw bad('must not contain empty or "." segments');
  return trimmed;
}

function checkAbsolutePath(path: string, field: string): void {
  if (!path.startsWith('/') || path.length > MAX_PATH || NON_PRINTABLE.test(path) || path.split('/').includes('..')) {
    throw new InvalidInputError(field, 'must be an absolute path without ".." segments');
  }
}

export function checkTarget(target: Target): void {
  if ('kubeconfigSecret' in target) {
    if (!SECRET_NAME.test(target.kubeconfigSecret) && !SECRET_ARN.test(target.kubeconfigSecret)) {
      throw new InvalidInputError('target.kubeconfigSecret', 'must be a Secrets Manager secret name or ARN');
    }
  } else if ('eks' in target) {
    if (!EKS_NAME.test(target.eks.name))
      throw new InvalidInputError('target.eks.name', 'must be an EKS cluster name (1-100 letters, digits, "-" or "_", starting with a letter or digit)');
    if (!AWS_REGION.test(target.eks.region)) throw new InvalidInputError('target.eks.region', 'must be an AWS region such as eu-west-1');
    if (target.eks.roleArn !== undefined && !ROLE_ARN.test(target.eks.roleArn)) throw new InvalidInputError('target.eks.roleArn', 'must be an IAM role ARN');
  } else if ('kubeconfigFile' in target) {
    checkAbsolutePath(target.kubeconfigFile, 'target.kubeconfigFile');
  } else {
    checkAbsolutePath(target.directory, 'target.directory');
  }
}

/** Refuses what the deployment's IAM roles could never read (infra/iam.yml). */
export function checkReach(flowLogs: FlowLogLocation, target: Target, reach: DeploymentReach | undefined): void {
  if (!reach) return;
  if (reach.localTargets === false && ('kubeconfigFile' in target || 'directory' in target)) {
    const field = 'kubeconfigFile' in target ? 'target.kubeconfigFile' : 'target.directory';
    throw new InvalidInputError(field, 'is a local-stack target; a deployed service pushes through kubeconfigSecret or eks');
  }
  if ('eks' in target && target.eks.roleArn !== undefined) {
    const arn = target.eks.roleArn;
    if (!(reach.eksRoleArns ?? []).some((p) => matchesArnPattern(arn, p))) {
      throw new InvalidInputError('target.eks.roleArn', 'is not among the roles this deployment may assume (parameter eksAssumeRoleArns)');
    }
  }
  if (reach.buckets.length > 0 && !reach.buckets.includes(flowLogs.bucket)) {
    throw new InvalidInputError('flowLogs.bucket', `this deployment reads flow logs only from ${reach.buckets.join(', ')}`);
  }
  if (reach.secretsPrefix !== '' && 'kubeconfigSecret' in target) {
    // An ARN's secret name is everything after ":secret:" (Secrets Manager appends a random suffix).
    const name = target.kubeconfigSecret.startsWith('arn:') ? (target.kubeconfigSecret.split(':secret:')[1] ?? '') : target.kubeconfigSecret;
    if (!name.startsWith(reach.secretsPrefix)) {
      throw new InvalidInputError('target.kubeconfigSecret', `this deployment reads kubeconfig secrets named ${reach.secretsPrefix}… only`);
    }
  }
}

export function checkClusterDomain(domain: string): void {
  if (!isDns1123Subdomain(domain)) throw new InvalidInputError('clusterDomain', 'must be a DNS subdomain such as cluster.local');
}

function segments(prefix: string): string[] {
  return prefix === '' ? [] : prefix.split('/');
}

/**
 * Whether two clusters would read some of the same objects: same bucket and one prefix is a
 * whole-segment prefix of the other (`a/b` overlaps `a/b/c` but not `a/bc`).
 */
export function locationsOverlap(a: FlowLogLocation, b: FlowLogLocation): boolean {
  if (a.bucket !== b.bucket) return false;
  const [short, long] = [segments(a.prefix), segments(b.prefix)].sort((x, y) => x.length - y.length) as [string[], string[]];
  return short.every((s, i) => long[i] === s);
}
