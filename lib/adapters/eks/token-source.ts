import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import { EksAccessError, awsErrorName } from './errors';
import { presignEksToken, type AwsCredentials } from './token';

/** Which cluster, in which region, as which identity (the function's own role unless roleArn). */
export interface EksIdentity {
  readonly clusterName: string;
  readonly region: string;
  readonly roleArn?: string;
}

export interface EksTokenSource {
  /** A token valid for at least a few more minutes; renewed before EKS stops accepting it. */
  token(): Promise<string>;
}

export interface EksAuthDeps {
  /** An STS client for the region (AssumeRole); its credentials are the function's own. */
  readonly sts: (region: string) => STSClient;
  readonly nowMs: () => number;
  /** Names the AssumeRole session (CloudTrail shows it). */
  readonly sessionName?: string;
}

/** EKS accepts a token for 15 minutes after signing; a new one is made well before that. */
export const TOKEN_REUSE_MS = 10 * 60_000;
/** Assumed-role credentials are renewed this long before they expire. */
const CREDENTIAL_MARGIN_MS = 5 * 60_000;

function credentialsOf(value: unknown): AwsCredentials | undefined {
  const c = value as Partial<AwsCredentials> | undefined;
  if (!c || typeof c.accessKeyId !== 'string' || typeof c.secretAccessKey !== 'string') return undefined;
  return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, ...(typeof c.sessionToken === 'string' ? { sessionToken: c.sessionToken } : {}) };
}

/** Token sources by identity, kept per container so tokens and assumed roles are reused. */
export function createEksAuth(deps: EksAuthDeps): { source(identity: EksIdentity): EksTokenSource } {
  const sources = new Map<string, EksTokenSource>();

  function build(identity: EksIdentity): EksTokenSource {
    let assumed: { credentials: AwsCredentials; until: number } | undefined;
    let current: { token: string; until: number } | undefined;
    const fail = (operation: string, err: unknown) => new EksAccessError(identity.clusterName, operation, awsErrorName(err));

    async function credentials(): Promise<AwsCredentials> {
      const sts = deps.sts(identity.region);
      if (identity.roleArn === undefined) {
        try {
          const own = credentialsOf(await sts.config.credentials());
          if (own) return own;
        } catch (err) {
          throw fail('loading AWS credentials', err);
        }
        throw new EksAccessError(identity.clusterName, 'loading AWS credentials', 'no credentials');
      }
      if (assumed && assumed.until > deps.nowMs()) return assumed.credentials;
      let out;
      try {
        out = await sts.send(new AssumeRoleCommand({ RoleArn: identity.roleArn, RoleSessionName: deps.sessionName ?? 'policy-recommender', DurationSeconds: 3600 }));
      } catch (err) {
        throw fail(`AssumeRole ${identity.roleArn}`, err);
      }
      const c = out.Credentials;
      const creds = credentialsOf(c ? { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken } : undefined);
      if (!creds) throw new EksAccessError(identity.clusterName, `AssumeRole ${identity.roleArn}`, 'no credentials returned');
      const expires = c?.Expiration instanceof Date ? c.Expiration.getTime() : deps.nowMs() + 15 * 60_000;
      assumed = { credentials: creds, until: expires - CREDENTIAL_MARGIN_MS };
      return creds;
    }

    return {
      async token() {
        const now = deps.nowMs();
        if (current && current.until > now) return current.token;
        const token = await presignEksToken({ clusterName: identity.clusterName, region: identity.region, credentials: await credentials(), signingDate: new Date(now) });
        current = { token, until: now + TOKEN_REUSE_MS };
        return token;
      },
    };
  }

  return {
    source(identity) {
      const key = `${identity.region}\u0000${identity.clusterName}\u0000${identity.roleArn ?? ''}`;
      let s = sources.get(key);
      if (!s) sources.set(key, (s = build(identity)));
      return s;
    },
  };
}
