import { describe, expect, it } from 'vitest';
import { dayPartitionPrefixes, isFlowLogKey, parseFlowLogKey } from '../../../lib/core/flowlog/keys';

describe('parseFlowLogKey', () => {
  it.each([
    ['cluster-a', 'cluster-a/flows20240601_0.gz', { layout: 'fluentd', day: '20240601' }],
    ['cluster-a', 'cluster-a/flows20240601_137.gz', { layout: 'fluentd', day: '20240601' }],
    ['cluster-a/', 'cluster-a/flows20240601_0.gz', { layout: 'fluentd', day: '20240601' }],
    ['a/b/c', 'a/b/c/flows20241231_3.gz', { layout: 'fluentd', day: '20241231' }],
    ['cluster-a', 'cluster-a/flows/20260901_a1B2c3D4.gz', { layout: 'fluent-bit', day: '20260901' }],
    ['cluster-a/', 'cluster-a/flows/20260901_ZZZZ9999.gz', { layout: 'fluent-bit', day: '20260901' }],
    ['', 'flows20240601_0.gz', { layout: 'fluentd', day: '20240601' }],
    ['', 'flows/20260901_a1B2c3D4.gz', { layout: 'fluent-bit', day: '20260901' }],
    ['/', 'flows20240601_0.gz', { layout: 'fluentd', day: '20240601' }],
  ])('prefix %j, key %j → %j', (prefix, key, expected) => {
    expect(parseFlowLogKey(prefix, key)).toStrictEqual(expected);
    expect(isFlowLogKey(prefix, key)).toBe(true);
  });

  it.each([
    ['cluster-a', 'cluster-a/dns20240601_0.gz'],
    ['cluster-a', 'cluster-a/l7/20260901_a1B2c3D4.gz'],
    ['cluster-a', 'cluster-a/audit_ee20240601_0.gz'],
    ['cluster-a', 'cluster-a/audit_kube20240601_0.gz'],
    ['cluster-a', 'cluster-a/runtime20240601_0.gz'],
    ['cluster-a', 'cluster-a/compliance_reports20240601_0.gz'],
    ['cluster-a', 'cluster-a/non_cluster_flows/20260901_a1B2c3D4.gz'],
    ['cluster-a', 'cluster-a/non_cluster_flows20240601_0.gz'],
    ['', 'non_cluster_flows/20260901_a1B2c3D4.gz'],
    ['cluster-a', 'cluster-b/flows20240601_0.gz'],
    ['cluster-a', 'cluster-aa/flows20240601_0.gz'],
    ['cluster-a', 'cluster-a/flows20240601_0.json'],
    ['cluster-a', 'cluster-a/flows20240601_.gz'],
    ['cluster-a', 'cluster-a/flows2024061_0.gz'],
    ['cluster-a', 'cluster-a/flows20241301_0.gz'],
    ['cluster-a', 'cluster-a/flows20240600_0.gz'],
    ['cluster-a', 'cluster-a/flows/20260901_a1B2c3D.gz'],
    ['cluster-a', 'cluster-a/flows/20260901_a1B2c3D45.gz'],
    ['cluster-a', 'cluster-a/flows/20260901_a1B2-3D4.gz'],
    ['cluster-a', 'cluster-a/flows/x/20260901_a1B2c3D4.gz'],
    ['cluster-a', 'cluster-a/flows20240601_0.gz.tmp'],
    ['cluster-a', 'cluster-a/flows/'],
    ['', 'x/flows20240601_0.gz'],
  ])('prefix %j, key %j is not a flow-log key', (prefix, key) => {
    expect(parseFlowLogKey(prefix, key)).toBeNull();
    expect(isFlowLogKey(prefix, key)).toBe(false);
  });
});

describe('dayPartitionPrefixes', () => {
  it('lists both layouts for one day, with or without a trailing slash on the prefix', () => {
    const expected = ['cluster-a/flows20240601_', 'cluster-a/flows/20240601_'];
    expect(dayPartitionPrefixes('cluster-a', '20240601')).toStrictEqual(expected);
    expect(dayPartitionPrefixes('cluster-a/', '20240601')).toStrictEqual(expected);
  });

  it('starts at flows for an empty prefix', () => {
    expect(dayPartitionPrefixes('', '20240601')).toStrictEqual(['flows20240601_', 'flows/20240601_']);
  });

  it('every key of that day starts with one of the two prefixes', () => {
    const [fluentd, fluentBit] = dayPartitionPrefixes('p', '20240601');
    expect('p/flows20240601_12.gz'.startsWith(fluentd ?? '?')).toBe(true);
    expect('p/flows/20240601_a1B2c3D4.gz'.startsWith(fluentBit ?? '?')).toBe(true);
    expect('p/flows20240601_12.gz'.startsWith(fluentBit ?? '?')).toBe(false);
  });

  it.each([['2024-06-01'], ['2024061'], ['20241301'], [''], ['2024060a']])('refuses day %j', (day) => {
    expect(() => dayPartitionPrefixes('p', day)).toThrow(RangeError);
  });
});
