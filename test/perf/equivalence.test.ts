import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recommendOnce, type RecommendOnceResult } from '../../lib/app/recommend-once';
import type { FlowObjectSource } from '../../lib/app/ports';
import { listFlowFiles, openFile } from '../../lib/adapters/flowsource/file-source';
import { toYamlStream } from '../../lib/core/yaml';
import { resolveScope } from '../../lib/core/scope';
import { generateDataset } from '../../scripts/bench/dataset';
import { WINDOW_START } from '../../scripts/bench/records';
import { sample } from '../support/scale';

/**
 * Proves that worker threads change nothing: the same generated multi-object data set (both
 * layouts, every peer kind, deny, protected, other reporters) gives byte-identical YAML and
 * identical statistics (values and key order) with 0, 1, 2 and 3 workers. Never times anything.
 */
/** 12,000 records in objects of 500 to 2,500 under `npm run test:slow`; 4,000 in objects of 200 to 800 under `npm test`. */
const RECORDS = sample(12_000, 4_000);
const PER_OBJECT = { minPerObject: sample(500, 200), maxPerObject: sample(2_500, 800) };
let dir: string;
let source: FlowObjectSource;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'equivalence-'));
  await generateDataset(dir, { records: RECORDS, ...PER_OBJECT, seed: 9 });
  const files = await listFlowFiles(dir);
  source = {
    description: dir,
    async *list() {
      for (const key of files) yield { key };
    },
    open: async (ref) => openFile(ref.key),
  };
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function yamlOf(r: RecommendOnceResult): string {
  return toYamlStream([r.tier, ...r.namespaces.flatMap((n) => n.manifests)]);
}

const run = (workers: number) => recommendOnce({ source, scope: resolveScope({}), clusterDomain: 'cluster.local', now: WINDOW_START + 86_400, workers });

describe('recommendOnce with and without worker threads', () => {
  it('reads a data set of several objects in both layouts', async () => {
    const files = await listFlowFiles(dir);
    expect(files.length).toBeGreaterThanOrEqual(6);
    expect(files.some((f) => /flows\/\d{8}_[A-Za-z0-9]{8}\.gz$/.test(f))).toBe(true);
    expect(files.some((f) => /flows\d{8}_\d+\.gz$/.test(f))).toBe(true);
  });

  it('gives byte-identical YAML, identical statistics and identical recommendations for 0, 1, 2 and 3 workers', async () => {
    const serial = await run(0);
    expect(serial.stats.recordsRead).toBe(RECORDS - (serial.stats.skipped.otherTag ?? 0));
    expect(serial.namespaces.length).toBeGreaterThan(50);
    expect(Object.keys(serial.stats.skipped)).toEqual(expect.arrayContaining(['deny', 'protected', 'otherReporter', 'unsupportedPeer']));
    for (const workers of [1, 2, 3]) {
      const parallel = await run(workers);
      expect(yamlOf(parallel)).toBe(yamlOf(serial));
      expect(JSON.stringify(parallel.stats)).toBe(JSON.stringify(serial.stats));
      expect(parallel.recommendations).toStrictEqual(serial.recommendations);
      expect(parallel.objects).toBe(serial.objects);
    }
  });

  it('fails the whole run with the source error when an object cannot be read, also in workers', async () => {
    const failing: FlowObjectSource = {
      description: 'failing',
      async *list() {
        yield* source.list();
        yield { key: join(dir, 'missing.gz') };
      },
      open: async (ref) => openFile(ref.key),
    };
    for (const workers of [0, 2]) {
      await expect(recommendOnce({ source: failing, scope: resolveScope({}), clusterDomain: 'cluster.local', now: WINDOW_START, workers })).rejects.toThrow(/missing\.gz/);
    }
  });
});
