import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FlowRecord } from '../../../lib/core/flowlog/record';

const dir = fileURLToPath(new URL('../../fixtures/flowlogs/', import.meta.url));

export function fixturePath(name: string): string {
  return dir + name;
}

export function fixtureText(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

/** docs/flow-logs.md, first example, as the reader must deliver it. */
export const FLUENTD_EXAMPLE: FlowRecord = {
  startTime: 1717243200,
  endTime: 1717243500,
  action: 'allow',
  reporter: 'src',
  sourceType: 'wep',
  sourceNamespace: 'shop',
  sourceNameAggr: 'checkout-7d9f8b6c5d-*',
  destType: 'net',
  destNamespace: null,
  destNameAggr: 'pub',
  destPort: 443,
  protocol: 'TCP',
  destServiceName: null,
  destServiceNamespace: null,
  destDomains: ['api.stripe.com'],
  policies: {
    all: [{ index: 0, tier: '__PROFILE__', name: '__PROFILE__.kns.shop', action: 'allow', staged: false, profile: true }],
  },
  numFlows: 3,
  bytesIn: 48213,
  bytesOut: 9120,
  dropped: 0,
};

/** docs/flow-logs.md, second example (fluent-bit, modern policy names, no `all_policies`). */
export const FLUENT_BIT_EXAMPLE: FlowRecord = {
  startTime: 1788264000,
  endTime: 1788264300,
  action: 'allow',
  reporter: 'src',
  sourceType: 'wep',
  sourceNamespace: 'shop',
  sourceNameAggr: 'checkout-7d9f8b6c5d-*',
  destType: 'wep',
  destNamespace: 'payments',
  destNameAggr: 'api-5f6d7c8b9-*',
  destPort: 8080,
  protocol: 'TCP',
  destServiceName: null,
  destServiceNamespace: null,
  destDomains: [],
  policies: {
    enforced: [{ index: 0, tier: '__PROFILE__', name: 'pro:kns.shop', action: 'allow', staged: false, profile: true }],
    pending: [
      {
        index: 0,
        tier: 'namespace-isolation',
        name: 'snp:shop/namespace-isolation.shop-recommendation',
        action: 'allow',
        staged: true,
        profile: false,
      },
    ],
  },
  numFlows: 2,
  bytesIn: 100,
  bytesOut: 200,
  dropped: 0,
};

/** A small valid JSON record; `n` goes into `bytes_in` so tests can tell records apart. */
export function rawRecord(n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    start_time: 1717243200,
    end_time: 1717243500,
    source_namespace: 'shop',
    source_type: 'wep',
    source_name_aggr: 'checkout-*',
    dest_type: 'net',
    dest_name_aggr: 'pub',
    dest_namespace: '-',
    dest_port: 443,
    proto: 'tcp',
    action: 'allow',
    reporter: 'src',
    policies: { all_policies: ['0|__PROFILE__|__PROFILE__.kns.shop|allow|0'] },
    num_flows: 1,
    bytes_in: n,
    bytes_out: 0,
    ...extra,
  };
}

export function fluentdLine(obj: unknown, tag = 'flows'): string {
  return `2024-06-01T12:05:04+00:00\t${tag}\t${JSON.stringify(obj)}`;
}

/** Yields `buf` in pieces of `size` bytes, to exercise chunk boundaries. */
export async function* chunked(buf: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, Math.min(buf.length, i + size));
}
