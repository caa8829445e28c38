import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

/** AWS credentials as SigV4 needs them; a session token for assumed roles and Lambda's own role. */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface EksTokenRequest {
  readonly clusterName: string;
  readonly region: string;
  readonly credentials: AwsCredentials;
  /** When the request is signed; the token is accepted for 15 minutes from then. */
  readonly signingDate: Date;
}

export const EKS_TOKEN_PREFIX = 'k8s-aws-v1.';
/** The header EKS binds the token to: a token for one cluster is refused by every other one. */
export const CLUSTER_ID_HEADER = 'x-k8s-aws-id';
/** What `aws eks get-token` and aws-iam-authenticator put in the presigned URL. */
export const PRESIGN_EXPIRES_SECONDS = 60;

/** RFC 3986 encoding, as SigV4 canonicalises query values. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The bearer token EKS accepts instead of running `aws eks get-token`: a presigned STS
 * GetCallerIdentity URL, base64url without padding, behind `k8s-aws-v1.`. The API server's
 * authenticator calls that URL and maps the caller's IAM identity to Kubernetes users and groups.
 * See docs/eks.md.
 */
export async function presignEksToken(request: EksTokenRequest): Promise<string> {
  const hostname = `sts.${request.region}.amazonaws.com`;
  const signer = new SignatureV4({ service: 'sts', region: request.region, credentials: request.credentials, sha256: Sha256, uriEscapePath: true });
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: 'https:',
      hostname,
      path: '/',
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
      headers: { host: hostname, [CLUSTER_ID_HEADER]: request.clusterName },
    },
    { expiresIn: PRESIGN_EXPIRES_SECONDS, signingDate: request.signingDate },
  );
  const query = Object.entries(signed.query ?? {})
    .flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x] as const) : v === null || v === undefined ? [] : [[k, v] as const]))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${encode(k)}=${encode(v)}`)
    .join('&');
  const url = `https://${hostname}/?${query}`;
  return EKS_TOKEN_PREFIX + Buffer.from(url, 'utf8').toString('base64url');
}
