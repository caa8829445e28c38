import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { cli, writeCliArchive } from '../support/cli';

const NOW = '2026-09-01T12:10:00Z';

describe('policy-recommender recommend (main() in process, as the bin runs it)', () => {
  let archive: string;
  beforeAll(async () => {
    archive = await writeCliArchive();
  });

  it('prints the tier and the recommendations as YAML, deterministic, with a summary on stderr', async () => {
    const a = await cli(['recommend', archive, '--now', NOW]);
    expect(a.code).toBe(0);
    const docs = parseAllDocuments(a.stdout).map((d) => d.toJS());
    expect(docs.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual(['Tier/namespace-isolation', 'StagedNetworkPolicy/namespace-isolation.shop-recommendation']);
    const shop = docs[1];
    expect(shop.spec.types).toEqual(['Egress', 'Ingress']);
    expect(shop.spec.egress.map((r: { metadata: { annotations: Record<string, string> } }) => r.metadata.annotations['policyrecommendation.tigera.io/scope'])).toEqual([
      'Domains',
      'Namespace',
    ]);
    expect(shop.metadata.annotations['policyrecommendation.tigera.io/lastUpdated']).toBe(NOW);
    expect(a.stderr).toMatch(/records read 8, used 3, rejected 3 \(invalidName 1, notJson 1, unknownEnum 1\), skipped 2 \(deny 1, protected 1\)/);
    const b = await cli(['recommend', archive, '--now', NOW]);
    expect(b.stdout).toBe(a.stdout);
  });

  it('--format json prints one array; --stats-json writes machine-readable statistics', async () => {
    const statsFile = join(archive, '..', `stats-${Date.now()}.json`);
    const r = await cli(['recommend', archive, '--now', NOW, '--format', 'json', '--stats-json', statsFile]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((m: { kind: string }) => m.kind)).toEqual(['Tier', 'StagedNetworkPolicy']);
    const stats = JSON.parse(await readFile(statsFile, 'utf8'));
    expect(stats).toMatchObject({ recordsRead: 8, recordsUsed: 3, rejected: { invalidName: 1, notJson: 1, unknownEnum: 1 }, skipped: { deny: 1, protected: 1 } });
  });

  it('--out writes one file per namespace plus the tier; --scope narrows the namespaces', async () => {
    const out = await mkdtemp(join(tmpdir(), 'pr-out-'));
    const scope = join(out, '..', `scope-${Date.now()}.yaml`);
    await writeFile(
      scope,
      'apiVersion: projectcalico.org/v3\nkind: PolicyRecommendationScope\nspec:\n  namespaceSpec:\n    selector: projectcalico.org/name in {"payments", "shop"}\n    tierName: isolation\n',
    );
    const r = await cli(['recommend', archive, '--now', NOW, '--out', out, '--scope', scope]);
    expect(r.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['_tier.yaml', 'shop.yaml']);
    expect(await readFile(join(out, 'shop.yaml'), 'utf8')).toContain('name: isolation.shop-recommendation');
  });

  it.each([
    [['recommend', '/nonexistent/flows'], /cannot read source/],
    [['recommend', 'ARCHIVE', '--now', 'yesterday'], /--now must be an RFC 3339 time/],
    [['recommend', 'ARCHIVE', '--format', 'xml'], /--format must be yaml or json/],
    [['recommend', 'ARCHIVE', '--since', '2026-09-02T00:00:00Z', '--until', '2026-09-01T00:00:00Z'], /--since must be before --until/],
    [['recommend', 'ARCHIVE', '--scope', 'SCOPE_BAD'], /invalid scope .*namespaceSpec.selector: expected/],
    [['recommend', 's3://Bad_Bucket/x'], /invalid S3 source/],
    [['recommend'], /missing required argument/],
  ])('exits 2 with a one-line reason for unusable input: %j', async (args, reason) => {
    const bad = join(archive, '..', `bad-scope-${Date.now()}.json`);
    await writeFile(bad, JSON.stringify({ namespaceSpec: { selector: 'a == ' } }));
    const r = await cli(args.map((a) => (a === 'ARCHIVE' ? archive : a === 'SCOPE_BAD' ? bad : a)));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(reason);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  it('--since/--until filter by flow end time and count the rest as out of window', async () => {
    const r = await cli(['recommend', archive, '--now', NOW, '--since', '2026-09-01T12:05:01Z']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/outOfWindow 3/);
  });
});
