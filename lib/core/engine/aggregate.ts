import type { FlowRecord, Protocol } from '../flowlog/record';
import * as stats from '../stats';
import type { RunStats } from '../stats';
import * as classification from './classify';
import type { ClassifyOptions, ObservationScratch } from './classify';
import { ruleKey } from './rule-key';
import * as model from './model';
import * as impact from '../impact/impact-aggregate';
import type { ImpactAggregate } from '../impact/impact-aggregate';
import type { Direction, Evidence, RuleKind, RulePeer } from './model';

// Under tsx every module is CommonJS and each read of an imported binding calls a getter; the
// per-record path uses module-local copies taken once at load.
const { countDropped, countReject, countSkip, mergeStats } = stats;
const { classifyInto, newObservationScratch, peerOf } = classification;
const { MAX_EXAMPLES, PORT_PROTOCOLS } = model;
const { addVerdict, mergeImpact } = impact;

/** Everything a batch of records says about one rule key, before it meets the stored state. */
export interface RuleDelta {
  readonly kind: RuleKind;
  readonly protocol: Protocol;
  readonly peer: RulePeer;
  readonly ports: Set<number>;
  readonly domains: Set<string>;
  readonly evidence: Evidence;
}

export interface NamespaceDelta {
  readonly egress: Map<string, RuleDelta>;
  readonly ingress: Map<string, RuleDelta>;
  /** Records folded into this namespace, so skips decided later (scope, state) can be counted. */
  records: number;
}

/**
 * A commutative, mergeable summary of many records: the order of records and how they are split
 * between workers do not change the result. Plain Maps/Sets so it crosses worker threads as is.
 */
export interface BatchAggregate {
  readonly namespaces: Map<string, NamespaceDelta>;
  readonly stats: RunStats;
  /** Staged verdicts of our recommendations, when `ClassifyOptions.impactTier` asks for them. */
  impact?: ImpactAggregate;
}

export function emptyAggregate(stats: RunStats): BatchAggregate {
  return { namespaces: new Map(), stats };
}

/** Reused by every `addRecord` call: classification writes into it instead of allocating. */
const scratch = newObservationScratch();

export function addRecord(agg: BatchAggregate, record: FlowRecord, options: ClassifyOptions): void {
  if (options.impactTier !== undefined) addVerdict((agg.impact ??= new Map() as ImpactAggregate), record, options.impactTier);
  const verdict = classifyInto(record, options, scratch);
  if (verdict !== null && typeof verdict !== 'string') {
    countReject(agg.stats, verdict.reject);
    return;
  }
  // Not rejected, so no dropped field was needed: each is counted as dropped.
  if (record.dropped !== 0) countDropped(agg.stats, record.dropped);
  if (verdict !== null) {
    countSkip(agg.stats, verdict);
    return;
  }
  if (record.policies === null) agg.stats.recordsWithoutPolicyInfo++;
  addObservation(agg, scratch, record);
}

/** The peer fields `ruleKey` reads, refreshed from the scratch: no peer object per record. */
const keyPeer: { name?: string; namespace?: string; global?: boolean } = { name: undefined, namespace: undefined, global: false };

/** One memoised `ruleKey` result: the arguments it was computed from, compared by value. */
interface KeySlot {
  readonly kind: RuleKind;
  readonly protocol: Protocol;
  readonly peerNamespace: string | undefined;
  readonly peerGlobal: boolean;
  readonly domainPort: number | null;
  readonly key: string;
}

/**
 * Rule keys by peer name (`''` for kinds without one), then a short list of the other arguments.
 * Building the key string per record (concatenation, then hashing the new string in the Map) was
 * most of aggregation's cost; a memoised key is an existing string whose hash V8 already knows.
 * Pure memoisation (the aggregate itself is still looked up by key), bounded by clearing.
 */
const keyMemo = new Map<string, KeySlot[]>();
let keyMemoSize = 0;
const KEY_MEMO_LIMIT = 65536;

function memoRuleKey(o: ObservationScratch, domainPort: number | null): string {
  const byPeer = o.peerName ?? '';
  let slots = keyMemo.get(byPeer);
  if (slots !== undefined) {
    for (let i = 0; i < slots.length; i++) {
      const s = slots[i] as KeySlot;
      if (s.kind === o.kind && s.protocol === o.protocol && s.peerNamespace === o.peerNamespace && s.peerGlobal === o.peerGlobal && s.domainPort === domainPort) return s.key;
    }
  }
  keyPeer.name = o.peerName;
  keyPeer.namespace = o.peerNamespace;
  keyPeer.global = o.peerGlobal;
  const key = ruleKey(o.kind, o.protocol, keyPeer, domainPort);
  if (keyMemoSize >= KEY_MEMO_LIMIT) {
    keyMemo.clear();
    keyMemoSize = 0;
    slots = undefined;
  }
  if (slots === undefined) {
    slots = [];
    keyMemo.set(byPeer, slots);
  }
  slots.push({ kind: o.kind, protocol: o.protocol, peerNamespace: o.peerNamespace, peerGlobal: o.peerGlobal, domainPort, key });
  keyMemoSize++;
  return key;
}

function addObservation(agg: BatchAggregate, o: ObservationScratch, record: FlowRecord): void {
  let ns = agg.namespaces.get(o.namespace);
  if (!ns) {
    ns = { egress: new Map(), ingress: new Map(), records: 0 };
    agg.namespaces.set(o.namespace, ns);
  }
  ns.records++;
  const carriesPort = o.port !== null && PORT_PROTOCOLS.has(o.protocol);
  const key = memoRuleKey(o, o.kind === 'Domains' && carriesPort ? o.port : null);
  const rules = o.direction === 'egress' ? ns.egress : ns.ingress;
  let delta = rules.get(key);
  const seenFrom = record.startTime ?? record.endTime ?? 0;
  const seenTo = record.endTime ?? record.startTime ?? 0;
  if (delta === undefined) {
    delta = {
      kind: o.kind,
      protocol: o.protocol,
      peer: peerOf(o),
      ports: new Set(),
      domains: new Set(),
      evidence: { firstSeen: seenFrom, lastSeen: seenTo, records: 0, flows: 0, bytesIn: 0, bytesOut: 0, examples: [] },
    };
    rules.set(key, delta);
  }
  if (carriesPort) delta.ports.add(o.port as number);
  const domains = o.domains;
  for (let i = 0; i < domains.length; i++) delta.domains.add(domains[i] as string);
  const ev = delta.evidence;
  if (seenFrom < ev.firstSeen) ev.firstSeen = seenFrom;
  if (seenTo > ev.lastSeen) ev.lastSeen = seenTo;
  ev.records++;
  ev.flows += record.numFlows;
  ev.bytesIn += record.bytesIn;
  ev.bytesOut += record.bytesOut;
  if (o.example !== null) addExample(ev.examples, o.example);
}

/** Keeps the MAX_EXAMPLES smallest names, sorted: independent of the order they were seen in. */
export function addExample(examples: string[], name: string): void {
  if (examples.includes(name)) return;
  if (examples.length >= MAX_EXAMPLES && name >= examples[examples.length - 1]!) return;
  let i = examples.length;
  while (i > 0 && examples[i - 1]! > name) i--;
  examples.splice(i, 0, name);
  if (examples.length > MAX_EXAMPLES) examples.pop();
}

export function mergeEvidence(into: Evidence, from: Evidence): void {
  into.firstSeen = Math.min(into.firstSeen, from.firstSeen);
  into.lastSeen = Math.max(into.lastSeen, from.lastSeen);
  into.records += from.records;
  into.flows += from.flows;
  into.bytesIn += from.bytesIn;
  into.bytesOut += from.bytesOut;
  for (const e of from.examples) addExample(into.examples, e);
}

/** Merges `from` into `into` (used to combine per-worker or per-object aggregates). */
export function mergeAggregates(into: BatchAggregate, from: BatchAggregate): BatchAggregate {
  mergeStats(into.stats, from.stats);
  if (from.impact !== undefined) mergeImpact((into.impact ??= new Map() as ImpactAggregate), from.impact);
  for (const [name, delta] of from.namespaces) {
    const target = into.namespaces.get(name);
    if (!target) {
      into.namespaces.set(name, delta);
      continue;
    }
    target.records += delta.records;
    for (const dir of ['egress', 'ingress'] as Direction[]) {
      for (const [key, rd] of delta[dir]) {
        const existing = target[dir].get(key);
        if (!existing) {
          target[dir].set(key, rd);
          continue;
        }
        for (const p of rd.ports) existing.ports.add(p);
        for (const d of rd.domains) existing.domains.add(d);
        mergeEvidence(existing.evidence, rd.evidence);
      }
    }
  }
  return into;
}
