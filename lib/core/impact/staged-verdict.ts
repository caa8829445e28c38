import type { FlowRecord, PolicyHit } from '../flowlog/record';
import { policyName } from '../engine/render-policy';
import { isDns1123Label } from '../names';

/**
 * What our own staged policy would have done to one flow (docs/impact-and-enforce.md). Calico
 * evaluates staged policies on live traffic and writes their verdicts into the record: in
 * `pending_policies` (2025 on) or as staged hits inside `all_policies` (older versions). Ours is
 * `<tier>.<ns>-recommendation` in the scope's tier, named in either generation:
 * `snp:<ns>/<tier>.<ns>-recommendation` or `<ns>/<tier>.staged:<ns>-recommendation`.
 */
export type StagedVerdict = 'allow' | 'deny';

/** Which namespace's recommendation a staged hit name is, for one tier; memoised per name. */
const owners = new Map<string, string | null>();
let ownersTier = '';
const OWNERS_LIMIT = 4096;

const MODERN_STAGED = 'snp:';
const STAGED_MARK = '.staged:';

/** The namespace whose recommendation `name` is, or null when it is someone else's policy. */
export function recommendationNamespace(name: string, tier: string): string | null {
  const slash = name.indexOf('/');
  if (slash <= 0) return null;
  let namespace: string;
  let policy: string;
  if (name.startsWith(MODERN_STAGED)) {
    namespace = name.slice(MODERN_STAGED.length, slash);
    policy = name.slice(slash + 1);
  } else {
    namespace = name.slice(0, slash);
    const rest = name.slice(slash + 1);
    // Legacy: the tier prefix, then `staged:` in front of the policy's own name.
    if (!rest.startsWith(tier) || !rest.startsWith(STAGED_MARK, tier.length)) return null;
    policy = `${tier}.${rest.slice(tier.length + STAGED_MARK.length)}`;
  }
  if (!isDns1123Label(namespace) || policy !== policyName(tier, namespace)) return null;
  return namespace;
}

function ownerOf(name: string, tier: string): string | null {
  if (tier !== ownersTier || owners.size >= OWNERS_LIMIT) {
    owners.clear();
    ownersTier = tier;
  }
  let owner = owners.get(name);
  if (owner === undefined) {
    owner = recommendationNamespace(name, tier);
    owners.set(name, owner);
  }
  return owner;
}

const END_OF_TIER = 'eot:';

/**
 * The verdict in one trace list, or undefined when our policy for `namespace` is not in it. In a
 * pending trace, modern logs may write the tier's end as its own `eot:<tier>` hit instead of
 * naming the policy: in our tier, for a namespace whose only policy there is ours, that is our
 * policy's default deny.
 */
function verdictIn(hits: readonly PolicyHit[], tier: string, namespace: string, pending: boolean): StagedVerdict | undefined {
  let found: PolicyHit | undefined;
  let endOfTier = false;
  for (let i = 0; i < hits.length; i++) {
    const hit = hits[i] as PolicyHit;
    if (hit.tier !== tier) continue;
    if (!hit.staged) {
      if (pending && hit.name.startsWith(END_OF_TIER) && hit.name.length === END_OF_TIER.length + tier.length && hit.name.endsWith(tier)) endOfTier = true;
      continue;
    }
    if (ownerOf(hit.name, tier) !== namespace) continue;
    if (found === undefined || hit.index >= found.index) found = hit;
  }
  if (found === undefined) return endOfTier ? 'deny' : undefined;
  // `deny` by a rule, or the tier's end (rule index -1: no rule matched, our tier denies);
  // `allow` and `pass` (intra-namespace pass-through rules) let the flow on.
  return found.action === 'deny' || found.endOfTier === true ? 'deny' : 'allow';
}

/**
 * The staged verdict of our recommendation for the namespace the record belongs to (`namespace`:
 * the source for src-reported records, the destination for dst-reported ones).
 */
export function stagedVerdict(record: FlowRecord, tier: string, namespace: string): StagedVerdict | undefined {
  const trace = record.policies;
  if (trace === null) return undefined;
  const pending = trace.pending;
  if (pending !== undefined && pending.length > 0) {
    const v = verdictIn(pending, tier, namespace, true);
    if (v !== undefined) return v;
  }
  const all = trace.all;
  return all !== undefined && all.length > 0 ? verdictIn(all, tier, namespace, false) : undefined;
}
