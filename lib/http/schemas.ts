import { z } from 'zod';
import type { Target } from '../app/cluster';
import { MAX_LIMIT } from '../app/board';
import { isDns1123Label } from '../core/names';

/**
 * Request shapes. Every object is strict (unknown fields are errors); semantic rules (bucket
 * names, durations, selectors) live in the use cases so they hold whatever the entry point.
 */
const TARGET_KEYS = ['kubeconfigSecret', 'eks', 'kubeconfigFile', 'directory'] as const;

const eks = z.object({ name: z.string(), region: z.string(), roleArn: z.string().optional() }).strict();

const target = z
  .object({ kubeconfigSecret: z.string().optional(), eks: eks.optional(), kubeconfigFile: z.string().optional(), directory: z.string().optional() })
  .strict()
  .refine((t) => TARGET_KEYS.filter((k) => t[k] !== undefined).length === 1, { message: `must have exactly one of ${TARGET_KEYS.join(', ')}` })
  .transform((t): Target => {
    if (t.kubeconfigSecret !== undefined) return { kubeconfigSecret: t.kubeconfigSecret };
    if (t.eks !== undefined) return { eks: { name: t.eks.name, region: t.eks.region, ...(t.eks.roleArn !== undefined ? { roleArn: t.eks.roleArn } : {}) } };
    if (t.kubeconfigFile !== undefined) return { kubeconfigFile: t.kubeconfigFile };
    return { directory: t.directory ?? '' };
  });

export const registerClusterBody = z
  .object({
    flowLogs: z.object({ bucket: z.string(), prefix: z.string().default('') }).strict(),
    target,
    clusterDomain: z.string().optional(),
  })
  .strict();

/** A merge patch: every field optional, `null` meaning "back to the default". */
const patchable = <T extends z.ZodTypeAny>(t: T) => t.nullable().optional();

export const scopePatchBody = z
  .object({
    interval: patchable(z.string()),
    initialLookback: patchable(z.string()),
    stabilizationPeriod: patchable(z.string()),
    maxRules: patchable(z.number()),
    policiesLearningCutOff: patchable(z.number()),
    namespaceSpec: patchable(
      z
        .object({
          recStatus: patchable(z.string()),
          selector: patchable(z.string()),
          intraNamespacePassThroughTraffic: patchable(z.boolean()),
          tierName: patchable(z.string()),
        })
        .strict(),
    ),
  })
  .strict();

const boardAction = z.enum(['activate', 'dismiss', 'reactivate', 'enforce']);
const namespace = z.string().refine(isDns1123Label, { message: 'must be a DNS-1123 label' });

export const MAX_BULK = 500;

export const bulkActionBody = z
  .object({ action: boardAction, namespaces: z.array(namespace).min(1).max(MAX_BULK), force: z.boolean().optional() })
  .strict()
  .superRefine((b, ctx) => {
    if (b.force !== undefined && b.action !== 'enforce') ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['force'], message: 'only with action enforce' });
    const seen = new Set<string>();
    b.namespaces.forEach((ns, i) => {
      if (seen.has(ns)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['namespaces', i], message: `duplicate namespace ${ns}` });
      seen.add(ns);
    });
  });

/** `enforce` takes `{"force": true}` to enforce although the staged policy would deny flows. */
export const enforceBody = z.object({ force: z.boolean().optional() }).strict().optional();

/** Single actions take no input; an empty object is tolerated for clients that always send one. */
export const emptyBody = z.object({}).strict().optional();

export const listRecommendationsQuery = z
  .object({
    tab: z.enum(['recommendations', 'active', 'dismissed', 'enforced']).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_LIMIT).optional(),
    cursor: z.string().min(1).max(256).optional(),
  })
  .strict();

export const deleteClusterQuery = z.object({ purge: z.enum(['true', 'false']).optional() }).strict();

export const noQuery = z.object({}).strict();
