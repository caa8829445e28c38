import { describe, expect, it } from 'vitest';
import { FRAME_BAD, FRAME_BLANK, FRAME_IGNORED, framePayload } from '../../lib/core/flowlog/frame-line';
import { decodeLine } from '../../lib/core/flowlog/line-decoder';
import { parseRecord } from '../../lib/core/flowlog/parse-record';
import { PayloadParser } from '../../lib/core/flowlog/scan-record';
import { Prng } from '../../scripts/bench/prng';
import { RecordFactory } from '../../scripts/bench/records';
import { buildWorld } from '../../scripts/bench/world';
import { mutate } from '../support/mutate';
import { sample } from '../support/scale';

/**
 * Differential test of the reader's fast path (byte framing + validating scanner) against the
 * reference (`decodeLine` on the decoded text, then `JSON.parse` + `parseRecord`): on realistic
 * lines, on lines mutated byte by byte and on hand-written hostile lines, both must give the same
 * outcome — blank, ignored, rejected with the same reason and field, or the same record.
 */
type Outcome = { kind: 'blank' | 'ignored' } | { kind: 'rejected'; reason: string; field?: string } | { kind: 'record'; record: unknown };

function reference(line: Buffer): Outcome {
  const decoded = decodeLine(line.toString('utf8'));
  if (decoded.kind === 'blank' || decoded.kind === 'ignored') return { kind: decoded.kind };
  if (decoded.kind === 'rejected') return { kind: 'rejected', reason: decoded.reason };
  const parsed = parseRecord(decoded.value);
  return parsed.ok ? { kind: 'record', record: parsed.record } : rejected(parsed.reason, parsed.field);
}

function rejected(reason: string, field: string | undefined): Outcome {
  return field === undefined ? { kind: 'rejected', reason } : { kind: 'rejected', reason, field };
}

const parser = new PayloadParser();

function fast(line: Buffer): Outcome {
  // Embedded in a larger buffer, as the splitter hands lines out: the scanner must stay in bounds.
  const buf = Buffer.concat([Buffer.from('{"x":1}\n'), line, Buffer.from('\n"tail":{[')]);
  const start = 8;
  const end = start + line.length;
  const payload = framePayload(buf, start, end);
  if (payload === FRAME_BLANK) return { kind: 'blank' };
  if (payload === FRAME_IGNORED) return { kind: 'ignored' };
  if (payload === FRAME_BAD) return { kind: 'rejected', reason: 'badFraming' };
  const parsed = parser.parse(buf, payload, end);
  // The reader's own entry point (no result object) says the same.
  const read = parser.read(buf, payload, end);
  if (parsed.ok) expect(read).toStrictEqual(parsed.record);
  else expect({ read, reason: parser.rejection }).toStrictEqual({ read: null, reason: parsed.reason });
  return parsed.ok ? { kind: 'record', record: parsed.record } : rejected(parsed.reason, parsed.field);
}

function same(line: Buffer): void {
  const want = reference(line);
  const got = fast(line);
  // The line is part of the compared value so that a failure shows it.
  expect({ line: line.toString('latin1'), outcome: got }).toStrictEqual({ line: line.toString('latin1'), outcome: want });
}

const world = buildWorld(40);
const factory = new RecordFactory(world, 5);

function realisticLine(rng: Prng, i: number): string {
  const era = i % 2 === 0 ? 'legacy' : 'modern';
  const json = JSON.stringify(factory.next(era));
  return i % 2 === 0 ? `2026-09-01T12:05:04+00:00\tflows\t${json}` : `{"date":"2026-09-01T12:05:04.512311Z",${json.slice(1)}`;
}

describe('fast reader path vs JSON.parse + parseRecord', () => {
  it('agrees on 3,000 realistic lines of both layouts', () => {
    const rng = new Prng(1);
    for (let i = 0; i < 3000; i++) same(Buffer.from(realisticLine(rng, i)));
  });

  // 40,000 under `npm run test:slow`; the first 6,000 of the same sequence under `npm test`.
  const mutated = sample(40_000, 6_000);
  it(`agrees on ${mutated.toLocaleString('en-US')} randomly mutated lines (flipped, inserted, deleted bytes, truncation)`, () => {
    const rng = new Prng(2);
    const kinds = new Set<string>();
    for (let i = 0; i < mutated; i++) {
      const line = mutate(rng, Buffer.from(realisticLine(rng, i)));
      same(line);
      const o = reference(line);
      kinds.add(o.kind === 'rejected' ? `rejected:${o.reason}` : o.kind);
      if (o.kind === 'record' && (o.record as { dropped: number }).dropped !== 0) kinds.add('record:dropped');
    }
    // The mutations reach every outcome the reader has.
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining(['record', 'rejected:notJson', 'rejected:badFraming', 'record:dropped', 'rejected:unknownEnum', 'rejected:wrongType', 'rejected:badPolicyTrace']),
    );
  });

  const base = {
    start_time: 1,
    end_time: 2,
    action: 'allow',
    reporter: 'src',
    source_type: 'wep',
    source_namespace: 'shop',
    dest_type: 'net',
    dest_name_aggr: 'pub',
    dest_port: 443,
    proto: 'tcp',
    policies: { all_policies: ['0|__PROFILE__|__PROFILE__.kns.shop|allow|0'] },
  };
  const json = (o: object) => JSON.stringify(o);
  const hostile: string[] = [
    '',
    ' ',
    '\t\r',
    '\ufeff',
    '\ufeff{}',
    '{}',
    '  {}',
    '[]',
    '"x"',
    '12',
    'null',
    'true',
    't\tflows\t',
    't\tflows\t ',
    't\tflows\t[1]',
    't\tflows\t"s"',
    't\tflows\tnull',
    't\tflows\t 1',
    't\tflows\t{} ',
    't\tflows\t{}x',
    't\tdns\t{bad',
    't\tnon-cluster-flows\t{}',
    '\ufefft\tflows\t{}',
    't\tflows',
    '\tflows\t{}',
    'x flows {}',
    '{"a":1}}',
    '{"a":1,}',
    '{,"a":1}',
    '{"a" 1}',
    '{"a":01}',
    '{"a":-}',
    '{"a":1.}',
    '{"a":.5}',
    '{"a":1e}',
    '{"a":1e+}',
    '{"a":-0}',
    '{"a":1E5}',
    '{"a":tru}',
    '{"a":nul}',
    '{"a":falsey}',
    '{"a":"\\x"}',
    '{"a":"\\u12"}',
    '{"a":"\\u12G4"}',
    '{"a":"tab\there"}',
    '{"a":"\\ud800"}',
    '{"a":[1,2,]}',
    '{"a":[,]}',
    '{"a":{"b":}}',
    '{"a":{"b":1}',
    '{"a":[}',
    '{"a":{]}',
    '{"a":1}\t\r ',
    '{"a":1}\u00a0',
    json({ ...base, start_time: 1e21 }),
    json({ ...base, bytes_in: 2 ** 53 + 2 }),
    '{"bytes_in":1e400}',
    '{"bytes_in":-0}',
    '{"bytes_in":1.0}',
    '{"bytes_in":1.5}',
    '{"bytes_in":10E-1}',
    '{"dest_port":65535}',
    '{"dest_port":65536}',
    '{"dest_port":0}',
    '{"dest_port":0,"proto":"tcp"}',
    '{"dest_port":0,"proto":"icmp"}',
    '{"dest_port":0,"proto":0}',
    '{"proto":0}',
    '{"proto":"0"}',
    '{"proto":"00"}',
    '{"dest_port":6.5535e4}',
    '{"dest_port":"443"}',
    '{"dest_port":true}',
    '{"dest_port":[443]}',
    '{"dest_port":{}}',
    '{"action":"allow","action":"deny"}',
    '{"action":"deny","action":"allow"}',
    '{"action":"al\\u006cow"}',
    '{"act\\u0069on":"deny"}',
    '{"action":"ALLOW"}',
    '{"source_namespace":"Shop"}',
    '{"source_namespace":"sh\\u006fp"}',
    '{"source_namespace":"-"}',
    '{"source_namespace":""}',
    '{"source_namespace":"shöp"}',
    '{"dest_name_aggr":"a*"}',
    '{"dest_name_aggr":"*"}',
    '{"dest_name_aggr":"a**"}',
    '{"dest_name_aggr":"a b"}',
    '{"proto":6}',
    '{"proto":"6"}',
    '{"proto":"256"}',
    '{"proto":6.0}',
    '{"proto":-1}',
    '{"proto":"TCP"}',
    '{"proto":"icmpv6"}',
    '{"dest_domains":[]}',
    '{"dest_domains":["A.Example.COM."]}',
    '{"dest_domains":["a.com","a.com"]}',
    '{"dest_domains":["a.com",1]}',
    '{"dest_domains":[null]}',
    '{"dest_domains":["a\\u002ecom"]}',
    '{"dest_domains":"a.com"}',
    '{"dest_domains":[["a.com"]]}',
    '{"dest_domains":["-a.com"]}',
    '{"dest_domains":["*.*.svc.cluster.local"]}',
    '{"dest_service_name":"my-service.namespace2.svc.cluster.local"}',
    `{"dest_domains":${JSON.stringify(Array.from({ length: 65 }, (_, i) => `d${i}.com`))}}`,
    '{"policies":{}}',
    '{"policies":[]}',
    '{"policies":null}',
    '{"policies":{"all_policies":null}}',
    '{"policies":{"all_policies":[]}}',
    '{"policies":{"all_policies":"x"}}',
    '{"policies":{"all_policies":[1]}}',
    '{"policies":{"all_policies":["0|t|n|allow"]}}',
    '{"policies":{"all_policies":["0|t|n|allow|x"]}}',
    '{"policies":{"enforced_policies":["0|__PROFILE__|pro:kns.a|allow|0"],"enforced_policies":[]}}',
    '{"policies":{"all_\\u0070olicies":["bad"]}}',
    '{"policies":{"transit_policies":"anything"}}',
    '{"policies":{"all_policies":["0|t|a\\u007cb|allow"]}}',
    '{"labels":{"action":"deny"},"action":"allow"}',
    '{"x":{"action":"deny"}}',
    '{"x":[{"start_time":"bad"}]}',
    '{"x":"\\"action\\":\\"deny\\""}',
    '{"__proto__":{"action":"deny"}}',
    '{"constructor":1,"toString":2}',
    `{"deep":${'['.repeat(300)}${']'.repeat(300)},"action":"deny"}`,
    `{"deep":${'['.repeat(300)}${']'.repeat(299)},"action":"deny"}`,
    json({ ...base, process_name: 'prôcess-✓-名前', source_labels: { labels: ['a=ü'] } }),
  ];

  it.each(hostile.map((h) => [h.length > 60 ? `${h.slice(0, 60)}…` : h, h]))('agrees on %j', (_, line) => {
    same(Buffer.from(line, 'utf8'));
  });

  it('agrees on lines with invalid UTF-8 inside and outside strings', () => {
    const good = Buffer.from(json({ ...base, process_name: 'XY' }));
    const at = good.indexOf('XY');
    for (const bad of [[0xff], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xed, 0xa0, 0x80], [0xef, 0xbb, 0xbf]]) {
      same(Buffer.concat([good.subarray(0, at), Buffer.from(bad), good.subarray(at)]));
      same(Buffer.concat([good.subarray(0, 1), Buffer.from(bad), good.subarray(1)]));
      same(Buffer.concat([Buffer.from(bad), good]));
      const ns = Buffer.from(json({ ...base, source_namespace: 'ab' }));
      const n = ns.indexOf('ab');
      same(Buffer.concat([ns.subarray(0, n), Buffer.from(bad), ns.subarray(n)]));
    }
  });
});
