import { parseRfc3339, rfc3339 } from '../engine/time';
import type { Recommendation } from '../engine/model';
import { BUCKET_SECONDS, exampleKey, exampleOf, MAX_IMPACT_EXAMPLES, type ImpactDelta, type ImpactExample } from './impact-aggregate';

/**
 * The impact of one recommendation's current rules (docs/impact-and-enforce.md): what its staged
 * policy decided since the rules were last changed. Stored apart from the recommendation; the
 * window belongs to the rules it was counted for (`rulesAt`, the recommendation's lastUpdated),
 * so a rule change opens a new window without anyone rewriting the old one.
 */
export interface Impact {
  /** The recommendation's lastUpdated when this window opened. */
  readonly rulesAt: string;
  /** Window start, Unix seconds: the rule change plus the time to reach the cluster. */
  readonly since: number;
  readonly flowsObserved: number;
  /** Flow time of the earliest verdict counted (Unix seconds). */
  readonly firstObserved: number;
  readonly wouldDenyFlows: number;
  /** Flow end of the latest would-deny record; 0 when none. */
  readonly wouldDenyLastSeen: number;
  /** Sorted by direction, protocol, port, peer; at most MAX_IMPACT_EXAMPLES. */
  readonly examples: readonly ImpactExample[];
}

export type Readiness = 'NotObserved' | 'Observing' | 'WouldDeny' | 'ReadyToEnforce';

/**
 * Verdicts written between a rule change and the push that carries it are the previous rules'
 * (and a flow record spans a few minutes): the window opens one processing interval after the
 * change, and only records that started inside it count.
 */
export function windowStart(rulesAt: string, settleSeconds: number): number {
  return parseRfc3339(rulesAt) + settleSeconds;
}

/** The stored impact if it belongs to the recommendation's current rules. */
export function currentImpact(rec: Recommendation, impact: Impact | undefined): Impact | undefined {
  return impact !== undefined && impact.rulesAt === rec.lastUpdated ? impact : undefined;
}

/**
 * The stored impact after a batch, or undefined when the batch holds no verdict of the current
 * window (nothing to write). A window of other rules is replaced by a new one.
 */
export function foldImpact(previous: Impact | undefined, rulesAt: string, settleSeconds: number, delta: ImpactDelta | undefined): Impact | undefined {
  if (delta === undefined) return undefined;
  const since = windowStart(rulesAt, settleSeconds);
  let flows = 0;
  let denyFlows = 0;
  let denyLastSeen = 0;
  let first = Number.POSITIVE_INFINITY;
  for (const [bucket, m] of delta.buckets) {
    // A bucket counts when it starts inside the window: records that began before are the previous rules'.
    const start = bucket * BUCKET_SECONDS;
    if (start < since) continue;
    flows += m.flows;
    denyFlows += m.denyFlows;
    if (m.denyLastSeen > denyLastSeen) denyLastSeen = m.denyLastSeen;
    if (start < first) first = start;
  }
  if (flows === 0) return undefined;
  const base = previous !== undefined && previous.rulesAt === rulesAt ? previous : undefined;
  const keys = new Set((base?.examples ?? []).map(exampleKey));
  for (const [key, seen] of delta.examples) if (seen.start >= since) keys.add(key);
  return {
    rulesAt,
    since,
    flowsObserved: (base?.flowsObserved ?? 0) + flows,
    firstObserved: Math.min(base?.firstObserved ?? first, first),
    wouldDenyFlows: (base?.wouldDenyFlows ?? 0) + denyFlows,
    wouldDenyLastSeen: Math.max(base?.wouldDenyLastSeen ?? 0, denyLastSeen),
    examples: [...keys].sort().slice(0, MAX_IMPACT_EXAMPLES).map(exampleOf),
  };
}

/**
 * Readiness of the current rules (docs/impact-and-enforce.md): NotObserved before any verdict, WouldDeny while
 * the window holds a would-deny flow, ReadyToEnforce once observed for `stabilizationSeconds`
 * without one, Observing in between. `now` comes from the injected clock.
 */
export function readinessOf(rec: Recommendation, stored: Impact | undefined, stabilizationSeconds: number, now: number): Readiness {
  const impact = currentImpact(rec, stored);
  if (impact === undefined || impact.flowsObserved === 0) return 'NotObserved';
  if (impact.wouldDenyFlows > 0) return 'WouldDeny';
  return now - impact.firstObserved >= stabilizationSeconds ? 'ReadyToEnforce' : 'Observing';
}

/** The API's `impact` (product contract): times as RFC 3339, null when there is none. */
export interface ImpactView {
  readonly since: string;
  readonly flowsObserved: number;
  readonly wouldDeny: { readonly flows: number; readonly lastSeen: string | null; readonly examples: readonly ImpactExample[] };
}

export function impactView(rec: Recommendation, stored: Impact | undefined, settleSeconds: number): ImpactView {
  const impact = currentImpact(rec, stored);
  const since = impact?.since ?? windowStart(rec.lastUpdated, settleSeconds);
  return {
    since: rfc3339(since),
    flowsObserved: impact?.flowsObserved ?? 0,
    wouldDeny: {
      flows: impact?.wouldDenyFlows ?? 0,
      lastSeen: impact !== undefined && impact.wouldDenyLastSeen > 0 ? rfc3339(impact.wouldDenyLastSeen) : null,
      examples: impact?.examples ?? [],
    },
  };
}
