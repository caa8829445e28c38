import { z } from 'zod';

/**
 * The kubeconfig fields this service reads. Every credential must be a string; unknown fields are
 * dropped (kubectl ignores them too). Keys are the schema's own, so an error path never carries
 * anything the document's author chose.
 */
const str = z.string();

const cluster = z.object({
  server: str,
  'certificate-authority-data': str.optional(),
  'certificate-authority': str.optional(),
  'insecure-skip-tls-verify': z.boolean().optional(),
  'tls-server-name': str.optional(),
  'proxy-url': str.optional(),
});

const exec = z.object({
  command: str,
  args: z.array(str).nullish(),
  env: z.array(z.object({ name: str, value: str })).nullish(),
  apiVersion: str.optional(),
});

const user = z.object({
  token: str.optional(),
  'token-file': str.optional(),
  username: str.optional(),
  password: str.optional(),
  'client-certificate-data': str.optional(),
  'client-key-data': str.optional(),
  'client-certificate': str.optional(),
  'client-key': str.optional(),
  exec: exec.optional(),
  'auth-provider': z.unknown().optional(),
});

export const kubeconfigSchema = z.object({
  clusters: z.array(z.object({ name: str, cluster })),
  users: z.array(z.object({ name: str, user })),
  contexts: z.array(z.object({ name: str, context: z.object({ cluster: str, user: str, namespace: str.optional() }) })),
  'current-context': str,
});

export type KubeconfigDocument = z.infer<typeof kubeconfigSchema>;
export type KubeconfigUser = z.infer<typeof user>;
export type KubeconfigExec = z.infer<typeof exec>;

/** `users[0].user.token must be a string`: the path and the rule, never the value. */
export function describeIssue(issue: z.ZodIssue): string {
  const path = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || 'the document';
  if (issue.code === z.ZodIssueCode.invalid_type) {
    return issue.received === 'undefined' ? `${path} is missing` : `${path} must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`;
  }
  return `${path} is invalid`;
}
