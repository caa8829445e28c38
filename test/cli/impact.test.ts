import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli';
import { fluentBitObject, fluentdObject, rawFlow } from '../support/flowlog-files';

const TIER = 'namespace-isolation';

const pending = (hit: string) => ({ policies: { enforced_policies: ['0|__PROFILE__|pro:kns.shop|allow|0'], pending_policies: [hit] } });

describe('policy-recommender recommend --impact (main() in process, as the bin runs it)', () => {
  let archive: string;
  beforeAll(async () => {
    archive = await mkdtemp(join(tmpdir(), 'pr-cli-impact-'));
    await writeFile(
      join(archive, 'flows20260901_0.gz'),
      fluentdObject([
        rawFlow({ ...pending(`0|${TIER}|snp:shop/${TIER}.shop-recommendation|allow|0`), num_flows: 5 }),
        rawFlow({ ...pending(`0|${TIER}|snp:shop/${TIER}.shop-recommendation|deny|-1`), dest_port: 6379, num_flows: 2 }),
        rawFlow({ ...pending(`0|other|snp:shop/other.shop-recommendation|deny|-1`) }),
      ]),
    );
    await writeFile(
      join(archive, 'flows20260901_1.gz'),
      fluentBitObject([
        rawFlow({
          reporter: 'dst',
          source_namespace: 'frontend',
          source_name_aggr: 'web-*',
          dest_type: 'wep',
          dest_namespace: 'payments',
          dest_name_aggr: 'api-*',
          dest_port: 8080,
          policies: { all_policies: [`0|${TIER}|payments/${TIER}.staged:payments-recommendation|deny`, '1|__PROFILE__|__PROFILE__.kns.payments|allow'] },
        }),
      ]),
    );
  });

  it('prints a table of would-deny flows per namespace on stderr, nothing on stdout', async () => {
    const r = await cli(['recommend', archive, '--impact']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'NAMESPACE  FLOWS  WOULD DENY  LAST SEEN',
      'payments   1      1           2026-09-01T12:05:00Z',
      '  would deny: ingress TCP/8080 frontend/web-*',
      'shop       7      2           2026-09-01T12:05:00Z',
      '  would deny: egress TCP/6379 private',
    ]);
    expect(lines[5]).toMatch(/^objects 2, records read 4/);
  });

  it('--format json prints the same report as JSON on stdout', async () => {
    const r = await cli(['recommend', archive, '--impact', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      impact: [
        {
          namespace: 'payments',
          flowsObserved: 1,
          wouldDeny: { flows: 1, lastSeen: '2026-09-01T12:05:00Z', examples: [{ direction: 'ingress', peer: 'frontend/web-*', protocol: 'TCP', port: 8080 }] },
        },
        {
          namespace: 'shop',
          flowsObserved: 7,
          wouldDeny: { flows: 2, lastSeen: '2026-09-01T12:05:00Z', examples: [{ direction: 'egress', peer: 'private', protocol: 'TCP', port: 6379 }] },
        },
      ],
    });
  });

  it('the tier comes from --scope', async () => {
    const scope = join(archive, '..', `scope-${Date.now()}.json`);
    await writeFile(scope, JSON.stringify({ namespaceSpec: { tierName: 'other' } }));
    const r = await cli(['recommend', archive, '--impact', '--format', 'json', '--scope', scope]);
    expect(JSON.parse(r.stdout)).toEqual({
      impact: [
        {
          namespace: 'shop',
          flowsObserved: 1,
          wouldDeny: { flows: 1, lastSeen: '2026-09-01T12:05:00Z', examples: [{ direction: 'egress', peer: 'private', protocol: 'TCP', port: 5432 }] },
        },
      ],
    });
  });
});
