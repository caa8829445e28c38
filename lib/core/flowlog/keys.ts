/**
 * S3 key shapes of archived flow logs (docs/flow-logs.md), both under `<prefix>/flows`:
 * - fluentd:    `<prefix>/flows<YYYYMMDD>_<n>.gz`
 * - fluent-bit: `<prefix>/flows/<YYYYMMDD>_<8 alphanumerics>.gz`
 * Other log types beside them (`dns…`, `l7`, `audit_*`, `runtime`, `compliance_reports`,
 * `non_cluster_flows/`) never match. An empty prefix means keys start with `flows`; a prefix may
 * be given with or without its trailing slash.
 */
export type FlowLogLayout = 'fluentd' | 'fluent-bit';

export interface FlowLogKey {
  readonly layout: FlowLogLayout;
  /** Ingest day from the key, `YYYYMMDD`. */
  readonly day: string;
}

const FLUENTD_TAIL = /^(\d{8})_\d+\.gz$/;
const FLUENT_BIT_TAIL = /^\/(\d{8})_[A-Za-z0-9]{8}\.gz$/;
const DAY = /^\d{4}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/;

/** `<prefix>/flows` (or `flows` for an empty prefix). */
export function flowsBase(prefix: string): string {
  let end = prefix.length;
  while (end > 0 && prefix.charCodeAt(end - 1) === 47) end--;
  return end === 0 ? 'flows' : `${prefix.slice(0, end)}/flows`;
}

export function isValidDay(day: string): boolean {
  return DAY.test(day);
}

export function parseFlowLogKey(prefix: string, key: string): FlowLogKey | null {
  const base = flowsBase(prefix);
  if (!key.startsWith(base)) return null;
  const tail = key.slice(base.length);
  const fluentd = FLUENTD_TAIL.exec(tail);
  if (fluentd !== null) {
    const day = fluentd[1] as string;
    return isValidDay(day) ? { layout: 'fluentd', day } : null;
  }
  const fluentBit = FLUENT_BIT_TAIL.exec(tail);
  if (fluentBit !== null) {
    const day = fluentBit[1] as string;
    return isValidDay(day) ? { layout: 'fluent-bit', day } : null;
  }
  return null;
}

export function isFlowLogKey(prefix: string, key: string): boolean {
  return parseFlowLogKey(prefix, key) !== null;
}

/**
 * The two listing prefixes that hold one ingest day, fluentd's first: `<prefix>/flows<day>_` and
 * `<prefix>/flows/<day>_`. Throws a RangeError when `day` is not a `YYYYMMDD` date.
 */
export function dayPartitionPrefixes(prefix: string, day: string): string[] {
  if (!isValidDay(day)) throw new RangeError(`day must be YYYYMMDD, got ${JSON.stringify(day)}`);
  const base = flowsBase(prefix);
  return [`${base}${day}_`, `${base}/${day}_`];
}
