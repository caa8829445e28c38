import { describe, expect, it } from 'vitest';
import { MAX_DEST_DOMAINS, parseRecord, type ParseResult } from '../../../lib/core/flowlog/parse-record';
import type { FlowRecord } from '../../../lib/core/flowlog/record';
import { DROPPABLE_FIELDS, DROPPED } from '../../../lib/core/flowlog/dropped-fields';
import { FLUENT_BIT_EXAMPLE, FLUENTD_EXAMPLE, fixtureText } from './fixtures';

function accepted(obj: unknown): FlowRecord {
  const r = parseRecord(obj);
  if (!r.ok) throw new Error(`expected acceptance, got ${r.reason} on ${r.field ?? '(record)'}`);
  return r.record;
}

/** The JSON fields the reader dropped (as invalid) from an accepted record. */
function droppedFields(obj: unknown): string[] {
  const { dropped } = accepted(obj);
  return DROPPABLE_FIELDS.filter((f) => (dropped & DROPPED[f]) !== 0);
}

function rejection(obj: unknown): { reason: string; field?: string } {
  const r: ParseResult = parseRecord(obj);
  if (r.ok) throw new Error('expected a rejection');
  return { reason: r.reason, field: r.field };
}

describe('parseRecord: the docs/flow-logs.md examples', () => {
  it('parses the fluentd-era example exactly (extra fields ignored, "-" namespaces become null)', () => {
    const json = fixtureText('example-fluentd.log').split('\t')[2] ?? '';
    expect(parseRecord(JSON.parse(json))).toStrictEqual({ ok: true, record: FLUENTD_EXAMPLE });
  });

  it('parses the fluent-bit-era example exactly (date key ignored, modern kinds, no all_policies)', () => {
    const json = fixtureText('example-fluent-bit.jsonl').trim();
    expect(parseRecord(JSON.parse(json))).toStrictEqual({ ok: true, record: FLUENT_BIT_EXAMPLE });
  });
});

describe('parseRecord: missing and null fields', () => {
  it('accepts an empty object with every field defaulted', () => {
    expect(accepted({})).toStrictEqual({
      startTime: null,
      endTime: null,
      action: null,
      reporter: null,
      sourceType: null,
      sourceNamespace: null,
      sourceNameAggr: null,
      destType: null,
      destNamespace: null,
      destNameAggr: null,
      destPort: null,
      protocol: null,
      destServiceName: null,
      destServiceNamespace: null,
      destDomains: [],
      policies: null,
      numFlows: 1,
      bytesIn: 0,
      bytesOut: 0,
      dropped: 0,
    });
  });

  it('treats explicit nulls like missing fields', () => {
    const keys = [
      'start_time',
      'end_time',
      'action',
      'reporter',
      'source_type',
      'source_namespace',
      'source_name_aggr',
      'dest_type',
      'dest_namespace',
      'dest_name_aggr',
      'dest_port',
      'proto',
      'dest_service_name',
      'dest_service_namespace',
      'dest_domains',
      'policies',
      'num_flows',
      'bytes_in',
      'bytes_out',
    ];
    expect(accepted(Object.fromEntries(keys.map((k) => [k, null])))).toStrictEqual(accepted({}));
  });

  it('counts a record without num_flows as one flow and keeps explicit counters', () => {
    expect(accepted({}).numFlows).toBe(1);
    expect(accepted({ num_flows: 0 }).numFlows).toBe(0);
    expect(accepted({ num_flows: 7, bytes_in: 5, bytes_out: 6 })).toMatchObject({ numFlows: 7, bytesIn: 5, bytesOut: 6 });
  });

  it('never validates fields the engine does not use (hostile or odd extras pass)', () => {
    const r = accepted({
      '@timestamp': 'not a time',
      host: { weird: true },
      source_ip: 12,
      dest_ip: ['x'],
      source_port: 'eighty',
      source_labels: 'labels?',
      dest_labels: { labels: [1, 2] },
      process_name: "rm -rf / ; echo 'x'",
      dest_service_port: 7,
      dest_service_port_num: 'http',
      packets_in: -1,
      num_flows_started: 'x',
      tcp_mean_rtt: 1.5,
      date: 12,
      transit_policies: 'x',
    });
    expect(r).toStrictEqual(accepted({}));
  });

  it('accepts @timestamp as a string or a number', () => {
    expect(parseRecord({ '@timestamp': '1717243500000' }).ok).toBe(true);
    expect(parseRecord({ '@timestamp': 1717243500000 }).ok).toBe(true);
  });
});

describe('parseRecord: type errors', () => {
  it.each([
    ['a string', 'x'],
    ['a number', 1],
    ['an array', [1]],
    ['null', null],
  ])('rejects %s instead of an object as wrongType', (_, value) => {
    expect(rejection(value)).toStrictEqual({ reason: 'wrongType', field: undefined });
  });

  const intFields = ['start_time', 'end_time', 'dest_port', 'num_flows', 'bytes_in', 'bytes_out'];
  const badInts: Array<[string, unknown]> = [
    ['a string', '12'],
    ['a negative number', -1],
    ['a fraction', 1.5],
    ['a boolean', true],
    ['an object', {}],
  ];
  for (const field of intFields) {
    it.each(badInts)(`rejects ${field} given %s as wrongType`, (_, value) => {
      expect(rejection({ [field]: value })).toStrictEqual({ reason: 'wrongType', field });
    });
  }

  it('rejects non-finite integers (a huge exponent parses to Infinity) as wrongType', () => {
    expect(rejection(JSON.parse('{"bytes_in":1e400}'))).toStrictEqual({ reason: 'wrongType', field: 'bytes_in' });
  });

  it.each([
    ['dest_port', 65536],
    ['dest_port', 100000],
  ])('rejects %s %d outside 0..65535 as wrongType', (field, value) => {
    expect(rejection({ [field]: value })).toStrictEqual({ reason: 'wrongType', field });
  });

  it('accepts dest_port at both ends of its range (1..65535)', () => {
    expect(accepted({ dest_port: 1, proto: 'tcp' }).destPort).toBe(1);
    expect(accepted({ dest_port: 65535, proto: 'tcp' }).destPort).toBe(65535);
  });

  it.each(['tcp', 'udp', 'sctp', 6, '17', 132])('rejects dest_port 0 with proto %j as portZero', (proto) => {
    expect(rejection({ dest_port: 0, proto })).toStrictEqual({ reason: 'portZero', field: 'dest_port' });
  });

  it.each(['icmp', 'icmp6', 'gre', '47', null])('drops dest_port 0 with proto %j, where no port is learned', (proto) => {
    expect(accepted({ dest_port: 0, proto }).destPort).toBeNull();
    expect(droppedFields({ dest_port: 0, proto })).toEqual(['dest_port']);
  });

  it('judges a port after its protocol, but a bad port type still comes first', () => {
    expect(rejection({ dest_port: 'x', proto: 0 })).toStrictEqual({ reason: 'wrongType', field: 'dest_port' });
    expect(rejection({ dest_port: 0, proto: 0 })).toStrictEqual({ reason: 'protocolZero', field: 'proto' });
  });

  const stringFields = [
    'action',
    'reporter',
    'source_type',
    'dest_type',
    'source_namespace',
    'dest_namespace',
    'source_name_aggr',
    'dest_name_aggr',
    'dest_service_name',
    'dest_service_namespace',
  ];
  it.each(
    stringFields.flatMap(
      (f) =>
        [
          [f, 1],
          [f, true],
          [f, ['x']],
          [f, {}],
        ] as Array<[string, unknown]>,
    ),
  )('rejects %s given %j as wrongType', (field, value) => {
    expect(rejection({ [field]: value })).toStrictEqual({ reason: 'wrongType', field });
  });

  it.each([[true], [{}], [['tcp']]])('rejects proto given %j as wrongType', (value) => {
    expect(rejection({ proto: value })).toStrictEqual({ reason: 'wrongType', field: 'proto' });
  });

  it.each([
    ['a string', 'api.stripe.com'],
    ['an object', {}],
    ['a number array', [1]],
    ['a nested array', [['a.com']]],
  ])('rejects dest_domains given %s as wrongType', (_, value) => {
    expect(rejection({ dest_domains: value })).toStrictEqual({ reason: 'wrongType', field: 'dest_domains' });
  });

  it(`rejects more than ${MAX_DEST_DOMAINS} dest_domains as wrongType`, () => {
    const many = Array.from({ length: MAX_DEST_DOMAINS + 1 }, (_, i) => `d${i}.example.com`);
    expect(rejection({ dest_domains: many })).toStrictEqual({ reason: 'wrongType', field: 'dest_domains' });
    expect(accepted({ dest_domains: many.slice(0, MAX_DEST_DOMAINS) }).destDomains).toHaveLength(MAX_DEST_DOMAINS);
  });

  it.each([
    ['a string', 'x'],
    ['an array', []],
    ['a number', 3],
  ])('rejects policies given %s as wrongType', (_, value) => {
    expect(rejection({ policies: value })).toStrictEqual({ reason: 'wrongType', field: 'policies' });
  });

  it.each(['all_policies', 'enforced_policies', 'pending_policies'])('rejects policies.%s that is not an array as wrongType', (key) => {
    expect(rejection({ policies: { [key]: 'x' } })).toStrictEqual({ reason: 'wrongType', field: `policies.${key}` });
  });
});

describe('parseRecord: enums', () => {
  it.each(['allow', 'deny'])('accepts action %s', (v) => {
    expect(accepted({ action: v }).action).toBe(v);
  });
  it.each(['src', 'dst', 'fwd', 'src,fwd', 'dst,fwd'])('accepts reporter %s', (v) => {
    expect(accepted({ reporter: v }).reporter).toBe(v);
  });
  it.each(['wep', 'hep', 'ns', 'net'])('accepts endpoint type %s on both sides', (v) => {
    expect(accepted({ source_type: v, dest_type: v })).toMatchObject({ sourceType: v, destType: v });
  });

  it.each([
    ['action', 'Allow'],
    ['action', 'pass'],
    ['action', ''],
    ['reporter', 'fwd,src'],
    ['reporter', 'SRC'],
    ['reporter', ''],
    ['source_type', 'pod'],
    ['dest_type', 'WEP'],
    ['dest_type', '-'],
  ])('rejects %s %j as unknownEnum', (field, value) => {
    expect(rejection({ [field]: value })).toStrictEqual({ reason: 'unknownEnum', field });
  });
});

describe('parseRecord: proto', () => {
  it.each([
    ['tcp', 'TCP'],
    ['udp', 'UDP'],
    ['icmp', 'ICMP'],
    ['icmp6', 'ICMPv6'],
    ['icmpv6', 'ICMPv6'],
    ['sctp', 'SCTP'],
    ['udplite', 'UDPLite'],
    ['ipip', '4'],
    ['esp', '50'],
    ['gre', '47'],
    ['6', 'TCP'],
    ['17', 'UDP'],
    ['1', 'ICMP'],
    ['58', 'ICMPv6'],
    ['132', 'SCTP'],
    ['136', 'UDPLite'],
    ['47', '47'],
    ['255', '255'],
    ['047', '47'],
    [6, 'TCP'],
    [17, 'UDP'],
    [1, 'ICMP'],
    [58, 'ICMPv6'],
    [132, 'SCTP'],
    [136, 'UDPLite'],
    [4, '4'],
    [255, '255'],
  ])('maps proto %j to %s', (input, expected) => {
    expect(accepted({ proto: input }).protocol).toBe(expected);
  });

  it.each([['TCP'], ['tcp '], [''], ['256'], ['-1'], ['1.5'], ['0x6'], ['1000'], ['ospf'], [256], [-1], [6.5]])('rejects proto %j as unknownEnum', (input) => {
    expect(rejection({ proto: input })).toStrictEqual({ reason: 'unknownEnum', field: 'proto' });
  });

  it.each([[0], ['0'], ['00'], ['000']])('rejects proto %j as protocolZero (Calico allows 1..255)', (input) => {
    expect(rejection({ proto: input })).toStrictEqual({ reason: 'protocolZero', field: 'proto' });
  });
});

describe('parseRecord: namespaces and service names', () => {
  const labelFields = ['source_namespace', 'dest_namespace', 'dest_service_name', 'dest_service_namespace'];

  it.each(labelFields)('turns %s "-" and "" into null', (field) => {
    expect(parseRecord({ [field]: '-' })).toStrictEqual(parseRecord({}));
    expect(parseRecord({ [field]: '' })).toStrictEqual(parseRecord({}));
  });

  it.each(labelFields)('keeps a valid DNS-1123 label in %s (including 63 chars)', (field) => {
    const long = 'a'.repeat(62) + '9';
    expect(parseRecord({ [field]: 'kube-system' }).ok).toBe(true);
    expect(parseRecord({ [field]: long }).ok).toBe(true);
    expect(parseRecord({ [field]: '0' }).ok).toBe(true);
  });

  const hostile = [
    ["shop'x"],
    ['shop"x'],
    ['shop x'],
    ['a == b'],
    ['a&&b'],
    ['a||b'],
    ['Shop'],
    ['a'.repeat(64)],
    ['-shop'],
    ['shop-'],
    ['shop.x'],
    ['shop_x'],
    ['shop\nx'],
    ['shop\u0000'],
    ['shop\tx'],
    ['café'],
    ['ѕhop'],
    ['shop\u200b'],
    ['*'],
  ];
  // Whether the record needs the field is decided by classification (docs/flow-logs-validity.md).
  for (const field of labelFields) {
    it.each(hostile)(`drops ${field} %j: null and marked, never kept`, (value) => {
      expect(accepted({ [field]: value })).toStrictEqual({ ...accepted({}), dropped: DROPPED[field as keyof typeof DROPPED] });
      expect(droppedFields({ [field]: value })).toEqual([field]);
    });
  }
});

describe('parseRecord: aggregated names', () => {
  const fields = ['source_name_aggr', 'dest_name_aggr'];

  it.each(fields)('turns %s "-" and "" into null', (field) => {
    expect(parseRecord({ [field]: '-' })).toStrictEqual(parseRecord({}));
    expect(parseRecord({ [field]: '' })).toStrictEqual(parseRecord({}));
  });

  it.each([['nginx-86c57db685-*'], ['pub'], ['pvt'], ['ip-10-0-1-23.ec2.internal'], ['allowed-egress.example'], ['checkout'], ['*'], ['a'.repeat(253)]])('keeps %j', (value) => {
    expect(accepted({ source_name_aggr: value, dest_name_aggr: value })).toMatchObject({
      sourceNameAggr: value,
      destNameAggr: value,
    });
  });

  const hostile = [
    ["shop'x"],
    ['shop"x'],
    ["x' || projectcalico.org/name == 'y"],
    ['a == b'],
    ['a && b'],
    ['a&&b'],
    ['a b'],
    ['Nginx-*'],
    ['nginx-**'],
    ['ngi*nx'],
    ['a/b'],
    ['a:b'],
    ['a_b'],
    ['a\u0000'],
    ['a\u007f'],
    ['a\nb'],
    ['café'],
    ['ｐｕｂ'],
    ['a'.repeat(254)],
  ];
  for (const field of fields) {
    it.each(hostile)(`drops ${field} %j: null and marked`, (value) => {
      expect(accepted({ [field]: value })).toStrictEqual({ ...accepted({}), dropped: DROPPED[field as keyof typeof DROPPED] });
    });
  }
});

describe('parseRecord: dest_domains', () => {
  it('lower-cases, drops the trailing dot and removes duplicates, keeping first-seen order', () => {
    expect(accepted({ dest_domains: ['API.Stripe.com.', 'b.example', 'api.stripe.com', 'B.EXAMPLE.'] }).destDomains).toStrictEqual(['api.stripe.com', 'b.example']);
  });

  it.each([['*.example.com'], ['_dmarc.example.com'], ['localhost'], ['xn--caf-dma.example'], ['a1-b2.c3'], [`${'a'.repeat(63)}.com`]])('accepts %j', (name) => {
    expect(accepted({ dest_domains: [name] }).destDomains).toStrictEqual([name]);
  });

  it('accepts a name of exactly 253 chars and drops a list with one of 254', () => {
    const label = 'a'.repeat(49);
    const ok = [label, label, label, label, label].join('.') + '.abc'; // 5*49 + 4 + 4 = 253
    expect(ok).toHaveLength(253);
    expect(accepted({ dest_domains: [ok] }).destDomains).toStrictEqual([ok]);
    expect(accepted({ dest_domains: [ok, ok + 'd'] })).toStrictEqual({ ...accepted({}), dropped: DROPPED.dest_domains });
  });

  it('accepts an empty list as no domains', () => {
    expect(accepted({ dest_domains: [] }).destDomains).toStrictEqual([]);
  });

  it.each([
    [''],
    ['.'],
    ['..'],
    ['a..b'],
    ['.a.com'],
    ['-a.com'],
    ['a-.com'],
    ['a.-b.com'],
    [`${'a'.repeat(64)}.com`],
    ['a b.com'],
    ["a'.com"],
    ['a.com/x'],
    ['a:443'],
    ['*'],
    ['*.'],
    ['a.*.com'],
    ['**.a.com'],
    ['*a.com'],
    ['café.com'],
    ['a\u0000.com'],
    ['a.com\n'],
    ['*.*.svc.cluster.local'],
  ])('drops the whole list when one entry is %j (no domains, marked)', (name) => {
    expect(accepted({ dest_domains: ['ok.example', name] })).toStrictEqual({ ...accepted({}), dropped: DROPPED.dest_domains });
  });
});

describe('parseRecord: policies', () => {
  it('gives null for a missing or null policies field', () => {
    expect(accepted({}).policies).toBeNull();
    expect(accepted({ policies: null }).policies).toBeNull();
  });

  it('gives null when none of all/enforced/pending is present (transit and unknown keys ignored)', () => {
    expect(accepted({ policies: {} }).policies).toBeNull();
    expect(accepted({ policies: { transit_policies: ['garbage'], future_policies: 7 } }).policies).toBeNull();
    expect(accepted({ policies: { all_policies: null } }).policies).toBeNull();
  });

  it('keeps present-but-empty lists as an empty trace', () => {
    expect(accepted({ policies: { all_policies: [] } }).policies).toStrictEqual({ all: [] });
  });

  it('keeps only the lists the record has', () => {
    const hit = '0|default|default.allow-all|allow|0';
    expect(accepted({ policies: { all_policies: [hit] } }).policies).toStrictEqual({
      all: [{ index: 0, tier: 'default', name: 'default.allow-all', action: 'allow', staged: false, profile: false }],
    });
    const trace = accepted({ policies: { enforced_policies: [hit], pending_policies: [] } }).policies;
    expect(Object.keys(trace ?? {}).sort()).toStrictEqual(['enforced', 'pending']);
  });

  it.each([['all_policies'], ['enforced_policies'], ['pending_policies']])('rejects a malformed hit in %s as badPolicyTrace', (key) => {
    expect(rejection({ policies: { [key]: ['0|default|x|allow|0', 'garbage'] } })).toStrictEqual({
      reason: 'badPolicyTrace',
      field: `policies.${key}`,
    });
  });

  it('rejects a non-string hit as badPolicyTrace', () => {
    expect(rejection({ policies: { all_policies: [7] } })).toStrictEqual({ reason: 'badPolicyTrace', field: 'policies.all_policies' });
  });
});
