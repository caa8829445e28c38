import type { ActionResult, BulkItemResult, ClusterView, RecommendationDetails, RecommendationSummary } from '../../app/board';
import { CLUSTER_ID } from '../../app/cluster';
import type { ScopeSpec } from '../../core/scope';
import { z } from './zod';

/**
 * Response bodies as the board's views really build them (lib/app/board/*-view.ts, actions.ts,
 * clusters.ts). The type checks at the end fail to compile when a view changes and its schema
 * does not, so the published document cannot drift from the code.
 */

const rfc3339 = z.string().openapi({ format: 'date-time', example: '2026-09-01T12:00:00Z' });
const count = z.number().int().min(0);

export const clusterId = z.string().regex(CLUSTER_ID).max(63).openapi({ description: 'A cluster id (DNS-1123 label)', example: 'prod-eu' });
export const namespaceName = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
  .max(63)
  .openapi({ description: 'A namespace name (DNS-1123 label)', example: 'shop' });

const flowLogLocation = z.object({ bucket: z.string(), prefix: z.string() }).openapi('FlowLogLocation');

/** Exactly one key; never secret material, only names and paths. */
const target = z
  .union([
    z.object({ kubeconfigSecret: z.string() }).strict(),
    z.object({ eks: z.object({ name: z.string(), region: z.string(), roleArn: z.string().optional() }).strict() }).strict(),
    z.object({ kubeconfigFile: z.string() }).strict(),
    z.object({ directory: z.string() }).strict(),
  ])
  .openapi('Target');

const capacity = z.object({ read: z.number(), write: z.number() }).openapi('CapacityUnits');
const countsByReason = z.record(z.string(), count);

const runSummary = z
  .object({
    startedAt: rfc3339,
    durationMs: z.number(),
    objects: z.object({ done: count, failed: count, skipped: count, retried: count, pendingLeft: count }),
    stats: z.object({
      recordsRead: count,
      recordsUsed: count,
      recordsWithoutPolicyInfo: count,
      rejected: countsByReason,
      skipped: countsByReason,
      dropped: countsByReason,
    }),
    namespacesChanged: count,
    queued: z.array(z.string()),
    error: z.string().optional(),
    consecutiveFailures: count.optional(),
    nextAttemptAt: z.number().optional().openapi({ description: 'Unix seconds before which no run is started' }),
    capacity: capacity.optional(),
  })
  .openapi('RunSummary');

const pushSummary = z
  .object({
    startedAt: rfc3339,
    durationMs: z.number(),
    applied: count,
    deleted: count,
    adopted: count,
    error: z.string().optional(),
    consecutiveFailures: count,
    nextAttemptAt: rfc3339.optional(),
    capacity: capacity.optional(),
  })
  .openapi('PushSummary');

export const clusterSchema = z
  .object({
    id: clusterId,
    flowLogs: flowLogLocation,
    target,
    clusterDomain: z.string(),
    registeredAt: rfc3339,
    lastRun: runSummary.nullable(),
    lastPush: pushSummary.nullable(),
    state: z.enum(['active', 'deleting']),
    deletion: z.object({ requestedAt: rfc3339, purge: z.boolean(), error: z.string().optional() }).optional(),
  })
  .openapi('Cluster');

export const clusterListSchema = z.object({ items: z.array(clusterSchema) }).openapi('ClusterList');

export const deletionAcceptedSchema = z.object({ id: clusterId, state: z.literal('deleting'), purge: z.boolean() }).openapi('DeletionAccepted');

export const scopeSchema = z
  .object({
    interval: z.string(),
    initialLookback: z.string(),
    stabilizationPeriod: z.string(),
    maxRules: z.number(),
    policiesLearningCutOff: z.number(),
    namespaceSpec: z.object({
      recStatus: z.enum(['Enabled', 'Disabled']),
      selector: z.string(),
      intraNamespacePassThroughTraffic: z.boolean(),
      tierName: z.string(),
    }),
  })
  .openapi('Scope');

const boardTab = z.enum(['recommendations', 'active', 'dismissed', 'enforced']).openapi('BoardTab');
const stagedAction = z.enum(['Learn', 'Set', 'Ignore']).openapi('StagedAction');
const readiness = z.enum(['NotObserved', 'Observing', 'WouldDeny', 'ReadyToEnforce']).openapi('Readiness');

const summaryShape = {
  namespace: namespaceName,
  tab: boardTab,
  stagedAction,
  status: z.enum(['Learning', 'Stabilizing', 'Stable']),
  lastUpdated: rfc3339,
  ruleCounts: z.object({ egress: count, ingress: count }),
  warnings: z.array(z.string().openapi({ description: 'MaxRulesExceeded or RuleLimitReached', example: 'MaxRulesExceeded' })),
  readiness,
};

export const recommendationSummarySchema = z.object(summaryShape).openapi('RecommendationSummary');

export const recommendationPageSchema = z
  .object({ items: z.array(recommendationSummarySchema), nextCursor: z.string().optional().openapi({ description: 'Pass as `cursor` for the next page; absent on the last one' }) })
  .openapi('RecommendationPage');

const ruleSchema = z
  .object({
    kind: z.enum(['Domains', 'Service', 'Namespace', 'NetworkSet', 'Private', 'Public']),
    protocol: z.string().openapi({ example: 'TCP' }),
    peer: z.object({ name: z.string().optional(), namespace: z.string().optional(), global: z.boolean().optional() }),
    ports: z.array(z.number().int()),
    domains: z.array(z.string()).optional(),
    lastUpdated: rfc3339,
    evidence: z.object({
      firstSeen: rfc3339,
      lastSeen: rfc3339,
      records: count,
      flows: count,
      bytesIn: count,
      bytesOut: count,
      examples: z.array(z.string()),
    }),
  })
  .openapi('Rule');

const impactSchema = z
  .object({
    since: rfc3339,
    flowsObserved: count,
    wouldDeny: z.object({
      flows: count,
      lastSeen: rfc3339.nullable(),
      examples: z.array(z.object({ direction: z.enum(['egress', 'ingress']), peer: z.string(), protocol: z.string().nullable(), port: z.number().int().nullable() })),
    }),
  })
  .openapi('Impact');

const objectMeta = z.object({
  name: z.string(),
  namespace: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

const entityRule = z.object({
  nets: z.array(z.string()).optional(),
  selector: z.string().optional(),
  namespaceSelector: z.string().optional(),
  ports: z.array(z.number()).optional(),
  domains: z.array(z.string()).optional(),
  services: z.object({ name: z.string(), namespace: z.string() }).optional(),
});

const calicoRule = z.object({
  action: z.enum(['Allow', 'Pass']),
  protocol: z.union([z.string(), z.number()]),
  source: entityRule.optional(),
  destination: entityRule.optional(),
  metadata: z.object({ annotations: z.record(z.string(), z.string()) }),
});

const stagedNetworkPolicy = z
  .object({
    apiVersion: z.literal('projectcalico.org/v3'),
    kind: z.literal('StagedNetworkPolicy'),
    metadata: objectMeta,
    spec: z.object({
      tier: z.string(),
      stagedAction,
      selector: z.string(),
      types: z.array(z.enum(['Egress', 'Ingress'])),
      egress: z.array(calicoRule).optional(),
      ingress: z.array(calicoRule).optional(),
    }),
  })
  .openapi('StagedNetworkPolicy');

const networkSet = z
  .object({
    apiVersion: z.literal('projectcalico.org/v3'),
    kind: z.literal('NetworkSet'),
    metadata: objectMeta,
    spec: z.object({ allowedEgressDomains: z.array(z.string()) }),
  })
  .openapi('NetworkSet');

export const recommendationDetailsSchema = z
  .object({
    ...summaryShape,
    version: z.number().int(),
    publishedVersion: z.number().int().nullable(),
    rules: z.object({ egress: z.array(ruleSchema), ingress: z.array(ruleSchema) }),
    impact: impactSchema,
    manifest: z.object({ policy: stagedNetworkPolicy, domainSet: networkSet.optional() }),
  })
  .openapi('RecommendationDetails');

export const actionResultSchema = z.object({ changed: z.boolean(), namespace: namespaceName, tab: boardTab, stagedAction, version: z.number().int() }).openapi('ActionResult');

export const bulkResultSchema = z
  .object({
    items: z.array(
      z.object({
        namespace: namespaceName,
        status: z.enum(['changed', 'unchanged', 'conflict', 'notFound', 'invalidTransition', 'wouldDeny', 'error']),
        tab: boardTab.optional(),
      }),
    ),
  })
  .openapi('BulkResult');

export const boardConfigSchema = z.object({ oidc: z.object({ issuer: z.string(), clientId: z.string(), scope: z.string() }).nullable() }).openapi('BoardConfig');

/** The machine codes each error status carries (error-map.ts, errors.ts, the page server). */
export const ERROR_CODES = {
  400: ['ValidationError', 'MalformedJson', 'InvalidPath', 'InvalidScope', 'PurgeUnavailable'],
  401: ['Unauthorized'],
  403: ['Forbidden'],
  404: ['ClusterNotFound', 'RecommendationNotFound', 'RouteNotFound'],
  409: ['InvalidTransition', 'WouldDeny', 'ConcurrentModification', 'ClusterDeleting', 'FlowLogLocationConflict', 'TierChangeRefused'],
  413: ['PayloadTooLarge'],
  500: ['InternalError'],
  503: ['StoreUnavailable', 'AuthUnavailable', 'BoardNotBuilt'],
} as const;

export type ErrorStatus = keyof typeof ERROR_CODES;

export function errorSchema(status: ErrorStatus) {
  const [first, ...rest] = ERROR_CODES[status];
  return z
    .object({
      error: z
        .object({
          code: z.enum([first, ...rest]),
          message: z.string(),
          details: z.unknown().optional().openapi({ description: 'Structured context: the offending fields, the conflicting cluster, …' }),
        })
        .strict(),
    })
    .strict()
    .openapi(`Error${status}`);
}

// --- drift checks (types only): each view type must be a valid value of its schema ---

type Mutable<T> = T extends readonly (infer U)[] ? Mutable<U>[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;
/** A is accepted by B. The domain types are narrower in places (protocols, peers): this direction is what matters. */
type Fits<A, B> = [A] extends [B] ? true : false;
/** A and B are the same shape. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Expect<T extends true> = T;

export type DriftChecks = [
  Expect<Fits<Mutable<ClusterView>, z.output<typeof clusterSchema>>>,
  Expect<Fits<Mutable<{ id: string; state: 'deleting'; purge: boolean }>, z.output<typeof deletionAcceptedSchema>>>,
  Expect<Same<z.output<typeof scopeSchema>, Mutable<ScopeSpec>>>,
  Expect<Same<z.output<typeof recommendationSummarySchema>, Mutable<RecommendationSummary>>>,
  Expect<Fits<Mutable<RecommendationDetails>, z.output<typeof recommendationDetailsSchema>>>,
  Expect<Same<z.output<typeof actionResultSchema>, Mutable<ActionResult>>>,
  Expect<Fits<{ items: Mutable<BulkItemResult>[] }, z.output<typeof bulkResultSchema>>>,
];

/** Response bodies as TypeScript types, derived from the schemas. */
export type ClusterBody = z.output<typeof clusterSchema>;
export type ClusterListBody = z.output<typeof clusterListSchema>;
export type DeletionAcceptedBody = z.output<typeof deletionAcceptedSchema>;
export type ScopeBody = z.output<typeof scopeSchema>;
export type RecommendationPageBody = z.output<typeof recommendationPageSchema>;
export type RecommendationDetailsBody = z.output<typeof recommendationDetailsSchema>;
export type ActionResultBody = z.output<typeof actionResultSchema>;
export type BulkResultBody = z.output<typeof bulkResultSchema>;
