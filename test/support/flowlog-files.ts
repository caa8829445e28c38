import { gzipSync } from 'node:zlib';

/** A raw flow-log record as Calico writes it (snake_case); defaults describe an unprotected allow. */
export function rawFlow(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    start_time: 1_788_264_000,
    end_time: 1_788_264_300,
    source_name: '-',
    source_name_aggr: 'checkout-7d9f8b6c5d-*',
    source_namespace: 'shop',
    source_type: 'wep',
    dest_name: '-',
    dest_name_aggr: 'pvt',
    dest_namespace: '-',
    dest_type: 'net',
    dest_port: 5432,
    proto: 'tcp',
    action: 'allow',
    reporter: 'src',
    policies: { all_policies: ['0|__PROFILE__|__PROFILE__.kns.shop|allow|0'] },
    num_flows: 1,
    bytes_in: 100,
    bytes_out: 200,
    ...over,
  };
}

/** fluentd layout body: `<time>\t<tag>\t<json>` lines, gzip. */
export function fluentdObject(records: readonly Record<string, unknown>[], tag = 'flows'): Buffer {
  const lines = records.map((r) => `2026-09-01T12:05:04+00:00\t${tag}\t${JSON.stringify(r)}\n`).join('');
  return gzipSync(lines);
}

/** fluent-bit layout body: JSON Lines with a `date` key, gzip. */
export function fluentBitObject(records: readonly Record<string, unknown>[]): Buffer {
  return gzipSync(records.map((r) => `${JSON.stringify({ date: '2026-09-01T12:05:04.512311Z', ...r })}\n`).join(''));
}

export const fluentdKey = (prefix: string, day: string, n: number) => `${prefix}/flows${day}_${n}.gz`;
export const fluentBitKey = (prefix: string, day: string, id: string) => `${prefix}/flows/${day}_${id.padEnd(8, '0').slice(0, 8)}.gz`;
