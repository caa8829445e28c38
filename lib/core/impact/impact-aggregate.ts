import type { FlowRecord } from '../flowlog/record';
import type { Direction } from '../engine/model';
import { peerLabel } from './peer-label';
import { stagedVerdict } from './staged-verdict';

/**
 * What a batch of records says about the staged verdicts of our recommendations, per namespace,
 * before it meets the stored state. Like the rule aggregate it is commutative and mergeable (plain
 * Maps, so it crosses worker threads), and it does not know the stored windows yet: verdicts are
 * kept per bucket of flow time, so the fold can count only those since the current rules' window
 * opened (see impact-window.ts).
 */
export interface VerdictBucket {
  flows: number;
  denyFlows: number;
  /** Latest flow end (Unix seconds) of a would-deny record in this bucket; 0 when none. */
  denyLastSeen: number;
}

export interface ExampleSeen {
  /** Latest flow start and end of a record with this example (Unix seconds). */
  start: number;
  end: number;
}

/**
 * Verdicts are bucketed by flow start time in Calico's default flush interval: fine enough to
 * place a record against its window, coarse enough that a day of logs makes few buckets.
 */
export const BUCKET_SECONDS = 300;

export interface ImpactDelta {
  /** By bucket of flow start time (`floor(start / BUCKET_SECONDS)`). */
  readonly buckets: Map<number, VerdictBucket>;
  /** The bucket the previous verdict went to: records of one object mostly share it. */
  lastBucket: number;
  last: VerdictBucket | undefined;
  /** Would-deny examples by `exampleKey`, at most MAX_DELTA_EXAMPLES (the smallest keys). */
  readonly examples: Map<string, ExampleSeen>;
}

export type ImpactAggregate = Map<string, ImpactDelta>;

export interface ImpactExample {
  readonly direction: Direction;
  readonly peer: string;
  readonly protocol: string | null;
  readonly port: number | null;
}

/** Kept per namespace and batch before windows filter them; the stored impact keeps MAX_IMPACT_EXAMPLES. */
export const MAX_DELTA_EXAMPLES = 40;
export const MAX_IMPACT_EXAMPLES = 10;

const SEP = '|';

/** Sorts by direction, protocol, port, peer; parsed back by `exampleOf`. Peers are validated names: no `|`. */
export function exampleKey(e: ImpactExample): string {
  return `${e.direction}${SEP}${e.protocol ?? ''}${SEP}${e.port === null ? '' : String(e.port).padStart(5, '0')}${SEP}${e.peer}`;
}

export function exampleOf(key: string): ImpactExample {
  const [direction, protocol, port, ...peer] = key.split(SEP);
  return { direction: direction as Direction, peer: peer.join(SEP), protocol: protocol ? protocol : null, port: port ? Number(port) : null };
}

function deltaOf(agg: ImpactAggregate, namespace: string): ImpactDelta {
  let d = agg.get(namespace);
  if (d === undefined) {
    d = { buckets: new Map(), examples: new Map(), lastBucket: -1, last: undefined };
    agg.set(namespace, d);
  }
  return d;
}

/** Adds an example, keeping the MAX_DELTA_EXAMPLES smallest keys: independent of record order. */
function addExample(examples: Map<string, ExampleSeen>, key: string, start: number, end: number): void {
  const seen = examples.get(key);
  if (seen !== undefined) {
    if (start > seen.start) seen.start = start;
    if (end > seen.end) seen.end = end;
    return;
  }
  if (examples.size >= MAX_DELTA_EXAMPLES) {
    let largest = '';
    for (const k of examples.keys()) if (k > largest) largest = k;
    if (key >= largest) return;
    examples.delete(largest);
  }
  examples.set(key, { start, end });
}

/**
 * One record: when the staged policy of the namespace it belongs to (source for src-reported,
 * destination for dst-reported records) left a verdict in it, count it.
 */
export function addVerdict(agg: ImpactAggregate, record: FlowRecord, tier: string): void {
  if (record.policies === null) return;
  let egress: boolean;
  let namespace: string | null;
  if (record.reporter === 'src' && record.sourceType === 'wep') {
    egress = true;
    namespace = record.sourceNamespace;
  } else if (record.reporter === 'dst' && record.destType === 'wep') {
    egress = false;
    namespace = record.destNamespace;
  } else {
    return;
  }
  if (namespace === null) return;
  const verdict = stagedVerdict(record, tier, namespace);
  if (verdict === undefined) return;
  const start = record.startTime ?? record.endTime ?? 0;
  const end = record.endTime ?? start;
  const d = deltaOf(agg, namespace);
  const bucket = Math.floor(start / BUCKET_SECONDS);
  let m = d.lastBucket === bucket ? d.last : d.buckets.get(bucket);
  if (m === undefined) {
    m = { flows: 0, denyFlows: 0, denyLastSeen: 0 };
    d.buckets.set(bucket, m);
  }
  d.lastBucket = bucket;
  d.last = m;
  m.flows += record.numFlows;
  if (verdict !== 'deny') return;
  m.denyFlows += record.numFlows;
  if (end > m.denyLastSeen) m.denyLastSeen = end;
  const example: ImpactExample = { direction: egress ? 'egress' : 'ingress', peer: peerLabel(record, egress), protocol: record.protocol, port: record.destPort };
  addExample(d.examples, exampleKey(example), start, end);
}

export function mergeImpact(into: ImpactAggregate, from: ImpactAggregate): void {
  for (const [namespace, delta] of from) {
    const target = into.get(namespace);
    if (target === undefined) {
      into.set(namespace, delta);
      continue;
    }
    target.lastBucket = -1;
    target.last = undefined;
    for (const [bucket, m] of delta.buckets) {
      const t = target.buckets.get(bucket);
      if (t === undefined) {
        target.buckets.set(bucket, m);
        continue;
      }
      t.flows += m.flows;
      t.denyFlows += m.denyFlows;
      if (m.denyLastSeen > t.denyLastSeen) t.denyLastSeen = m.denyLastSeen;
    }
    for (const [key, seen] of delta.examples) addExample(target.examples, key, seen.start, seen.end);
  }
}
