import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { summaryLine } from '../../lib/cli/format';
import { toYaml, toYamlStream } from '../../lib/core/yaml';
import { emptyStats } from '../../lib/core/stats';

/**
 * The YAML writer: what it writes reads back (with the other YAML library, as kubectl's YAML 1.2
 * reader would) as exactly the values given, whatever the strings look like.
 */
const TRICKY = [
  '',
  ' ',
  'yes',
  'no',
  'on',
  'off',
  'true',
  'False',
  'null',
  '~',
  '0',
  '007',
  '1e3',
  '0x1f',
  '.inf',
  '-.nan',
  '2026-09-01T12:06:40Z',
  '2026-09-01',
  '12:30',
  '*',
  '&a',
  '!tag',
  '|',
  '>',
  '- item',
  '? key',
  '# comment',
  'a: b',
  'a #b',
  "it's",
  'say "hi"',
  "projectcalico.org/name == 'shop' && has(app)",
  '{ "json": 1 }',
  '[1, 2]',
  '%TAG',
  '@at',
  '`tick`',
  'tab\there',
  'line\nbreak',
  'trailing ',
  ' leading',
  'ünïcödé',
  '\u0000\u0007',
  '\u2028',
  '---',
  '...',
  'x'.repeat(500),
];

describe('toYaml', () => {
  it('writes strings that read back unchanged, as keys and as values', () => {
    const value = { strings: TRICKY, byKey: Object.fromEntries(TRICKY.filter((s) => s !== '').map((s, i) => [s, i])), numbers: [0, 1, 65535, 1.5, -2] };
    expect(parse(toYaml(value))).toStrictEqual(value);
  });

  it('writes a shared object out in full every time (no anchors or aliases)', () => {
    const shared = Object.freeze(['api.stripe.com', 'example.org']);
    const text = toYaml({ a: { domains: shared }, b: { domains: shared } });
    expect(text).not.toMatch(/[&*]ref|&\d|\*\d/);
    expect(parse(text)).toStrictEqual({ a: { domains: [...shared] }, b: { domains: [...shared] } });
  });

  it('never folds long selectors onto several lines', () => {
    const selector = Array.from({ length: 40 }, (_, i) => `label-${i} == 'value-${i}'`).join(' && ');
    expect(toYaml({ selector })).toBe(`selector: ${selector}\n`);
  });

  it('writes a stream of documents that reads back document by document', () => {
    const docs = [
      { kind: 'Tier', name: 'x' },
      { kind: 'StagedNetworkPolicy', spec: { egress: [{ action: 'Allow', ports: [443, '8000:8080'] }] } },
    ];
    const text = toYamlStream(docs);
    expect(text.startsWith('---\n')).toBe(true);
    expect(parseAllDocuments(text).map((d) => d.toJS())).toStrictEqual(docs);
  });
});

describe('summaryLine', () => {
  it('names dropped values by field only when there are some', () => {
    const stats = { ...emptyStats(), recordsRead: 3, recordsUsed: 2, rejected: { portZero: 1 } };
    expect(summaryLine(stats, 1, 1)).toBe('objects 1, records read 3, used 2, rejected 1 (portZero 1), skipped 0, recommendations 1');
    expect(summaryLine({ ...stats, dropped: { dest_service_name: 2, dest_domains: 1 } }, 1, 1)).toBe(
      'objects 1, records read 3, used 2, rejected 1 (portZero 1), skipped 0, dropped values 3 (dest_domains 1, dest_service_name 2), recommendations 1',
    );
  });
});
