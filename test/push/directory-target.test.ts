import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { purgeCluster } from '../../lib/app/push/purge';
import { pushCluster } from '../../lib/app/push/push-cluster';
import { toYamlStream } from '../../lib/core/yaml';
import { renderTier } from '../../lib/core/engine';
import { calicoRecommenderPolicy, currentCluster, domainRule, namespaceRule, rec, renderWithScope } from './fixtures';
import { harness, type Harness } from './harness';

const threeDomains = { egress: [domainRule('a.example.com', 443), domainRule('b.example.com', 443), domainRule('c.example.com', 443)] };

describe('directory target', () => {
  let h: Harness;
  let dir: string;
  beforeEach(async () => {
    h = await harness();
    dir = join(await mkdtemp(join(tmpdir(), 'pr-push-')), 'manifests');
  });
  afterEach(async () => {
    await h.close();
    await rm(join(dir, '..'), { recursive: true, force: true });
  });

  it('writes one file per namespace (domain NetworkSet first, then the policy) and _tier.yaml, exactly as toYamlStream renders them', async () => {
    const cluster = await h.cluster('dir', { target: { directory: dir } });
    const shop = rec('shop', threeDomains);
    const payments = rec('payments');
    await h.recommend('dir', shop, payments);

    const summary = await pushCluster(h.deps, cluster);

    expect(summary).toMatchObject({ applied: 3, consecutiveFailures: 0 });
    expect((await readdir(dir)).sort()).toEqual(['_tier.yaml', 'payments.yaml', 'shop.yaml']);
    const s = renderWithScope(shop);
    expect(await readFile(join(dir, 'shop.yaml'), 'utf8')).toBe(toYamlStream([s.domainSet, s.policy]));
    expect(await readFile(join(dir, 'payments.yaml'), 'utf8')).toBe(toYamlStream([renderWithScope(payments).policy]));
    expect(await readFile(join(dir, '_tier.yaml'), 'utf8')).toBe(toYamlStream([renderTier('namespace-isolation')]));
    // A folder has no cluster truth: the namespaces known to the store stay as they were.
    expect(await h.store.listNamespaces('dir')).toEqual([]);
  });

  it('removes the file of a deleted recommendation and the NetworkSet no longer rendered; leaves other files alone', async () => {
    const cluster = await h.cluster('dirdel', { target: { directory: dir } });
    const [shopVersion] = await h.recommend('dirdel', rec('shop'), rec('payments', threeDomains));
    await pushCluster(h.deps, cluster);
    await writeFile(join(dir, 'README.md'), 'hand-written');
    await h.store.deleteRecommendation('dirdel', 'shop', shopVersion!);
    const payments = rec('payments', { egress: [domainRule('a.example.com', 443)] });
    await h.recommend('dirdel', payments);

    const summary = await pushCluster(h.deps, await currentCluster(h.store, 'dirdel'));

    expect(summary).toMatchObject({ deleted: 2, applied: 1 });
    expect((await readdir(dir)).sort()).toEqual(['README.md', '_tier.yaml', 'payments.yaml']);
    expect(await readFile(join(dir, 'payments.yaml'), 'utf8')).toBe(toYamlStream([renderWithScope(payments).policy]));
  });

  it('adopts a stagedAction edited by hand in a file, like one changed in a cluster', async () => {
    const cluster = await h.cluster('diredit', { target: { directory: dir } });
    await h.recommend('diredit', rec('shop'));
    await pushCluster(h.deps, cluster);
    const file = join(dir, 'shop.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replaceAll('Learn', 'Set'));

    const summary = await pushCluster(h.deps, await currentCluster(h.store, 'diredit'));

    expect(summary.adopted).toBe(1);
    expect((await h.store.getRecommendation('diredit', 'shop'))!.value.stagedAction).toBe('Set');
    expect(await readFile(file, 'utf8')).toBe(toYamlStream([renderWithScope(rec('shop', {}, { stagedAction: 'Set' })).policy]));
  });

  it('never rewrites a file with YAML errors: that namespace fails like a rejected manifest, the others are published', async () => {
    const cluster = await h.cluster('dirbad', { target: { directory: dir } });
    await h.recommend('dirbad', rec('shop'), rec('payments'));
    await pushCluster(h.deps, cluster);
    const file = join(dir, 'shop.yaml');
    const edited = `${await readFile(file, 'utf8')}---\n# a hand edit gone wrong\nkind: [unclosed\n`;
    await writeFile(file, edited);
    const payments = rec('payments', { ingress: [namespaceRule('frontend', 8080)] });
    await h.recommend('dirbad', rec('shop', { ingress: [namespaceRule('frontend', 80), namespaceRule('payments', 81)] }), payments);

    const summary = await pushCluster(h.deps, await currentCluster(h.store, 'dirbad'));

    expect(await readFile(file, 'utf8')).toBe(edited);
    expect(summary.error).toMatch(
      new RegExp(`^1 manifest\\(s\\) rejected: directory ${dir}: shop\\.yaml has YAML errors in document 2 \\(line \\d+\\); it is left unchanged until fixed$`),
    );
    expect(summary).toMatchObject({ applied: 1, consecutiveFailures: 1 });
    expect(await readFile(join(dir, 'payments.yaml'), 'utf8')).toBe(toYamlStream([renderWithScope(payments).policy]));
    const shop = (await h.store.getRecommendation('dirbad', 'shop'))!;
    expect(shop.publishedVersion).toBe(shop.version - 1);
  });

  it('leaves alone documents without our managed-by label, on push and on purge', async () => {
    const cluster = await h.cluster('dirown', { target: { directory: dir } });
    await h.recommend('dirown', rec('shop'));
    await pushCluster(h.deps, cluster);
    const theirs = toYamlStream([calicoRecommenderPolicy('billing')]);
    await writeFile(join(dir, 'billing.yaml'), theirs);

    expect(await pushCluster(h.deps, await currentCluster(h.store, 'dirown'), { force: true })).toMatchObject({ deleted: 0 });
    await purgeCluster(h.deps.publishers, await currentCluster(h.store, 'dirown'));

    expect((await readdir(dir)).sort()).toEqual(['_tier.yaml', 'billing.yaml']);
    expect(await readFile(join(dir, 'billing.yaml'), 'utf8')).toBe(theirs);
  });
});
