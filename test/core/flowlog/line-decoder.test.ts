import { describe, expect, it } from 'vitest';
import { decodeLine } from '../../../lib/core/flowlog/line-decoder';

describe('decodeLine framing', () => {
  it('decodes a fluentd line tagged flows', () => {
    expect(decodeLine('2024-06-01T12:05:04+00:00\tflows\t{"a":1}')).toStrictEqual({ kind: 'object', value: { a: 1 } });
  });

  it('decodes a fluentd line tagged non-cluster-flows', () => {
    expect(decodeLine('2024-06-01T12:05:04+00:00\tnon-cluster-flows\t{"a":1}')).toStrictEqual({ kind: 'object', value: { a: 1 } });
  });

  it.each([['dns'], ['l7'], ['flows.x'], ['flow'], ['Flows'], ['non_cluster_flows'], ['']])('reports a fluentd line with tag %j as ignored, without parsing its payload', (tag) => {
    expect(decodeLine(`2024-06-01T12:05:04+00:00\t${tag}\tnot even json`)).toStrictEqual({ kind: 'ignored' });
  });

  it('decodes a fluent-bit JSON line (the date key stays in the object, to be ignored by parseRecord)', () => {
    expect(decodeLine('{"date":"2026-09-01T12:05:04.512311Z","action":"allow"}')).toStrictEqual({
      kind: 'object',
      value: { date: '2026-09-01T12:05:04.512311Z', action: 'allow' },
    });
  });

  it('tolerates a leading byte-order mark on a JSON line', () => {
    expect(decodeLine('\ufeff{"a":1}')).toStrictEqual({ kind: 'object', value: { a: 1 } });
  });

  it.each([[''], [' '], ['\t'], ['  \t \r'], ['\ufeff']])('treats %j as blank', (line) => {
    expect(decodeLine(line)).toStrictEqual({ kind: 'blank' });
  });

  it.each([['plain text'], ['[1,2]'], ['"a string"'], ['2024-06-01T12:05:04+00:00 flows {"a":1}'], ['2024-06-01T12:05:04+00:00\tflows'], ['\tflows\t{"a":1}'], ['  {"a":1}']])(
    'rejects %j as badFraming',
    (line) => {
      expect(decodeLine(line)).toStrictEqual({ kind: 'rejected', reason: 'badFraming' });
    },
  );

  it.each([['{"a":'], ['{a:1}'], ["{'a':1}"], ['{"a":1} trailing'], ['{"a":1}}']])('rejects JSON Lines %j as notJson', (line) => {
    expect(decodeLine(line)).toStrictEqual({ kind: 'rejected', reason: 'notJson' });
  });

  it('rejects a fluentd payload that is not JSON as notJson', () => {
    expect(decodeLine('t\tflows\t{"a":')).toStrictEqual({ kind: 'rejected', reason: 'notJson' });
  });

  it.each([['[1,2]'], ['"x"'], ['12'], ['null'], ['true']])('rejects a fluentd payload %j that is JSON but not an object as wrongType', (payload) => {
    expect(decodeLine(`t\tflows\t${payload}`)).toStrictEqual({ kind: 'rejected', reason: 'wrongType' });
  });
});
