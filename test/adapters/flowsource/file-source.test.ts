import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlowObjectNotFoundError, FlowSourceError } from '../../../lib/adapters/flowsource/errors';
import { isReadableFlowFile, listFlowFiles, openFile } from '../../../lib/adapters/flowsource/file-source';
import { readFlowObject } from '../../../lib/core/flowlog/read-stream';

describe('isReadableFlowFile', () => {
  it.each([
    ['cluster-a/flows20240601_0.gz'],
    ['cluster-a/flows/20260901_a1B2c3D4.gz'],
    ['a/b/flows20240601_12.gz'],
    ['flows20240601_0.gz'],
    ['flows/20260901_a1B2c3D4.gz'],
    ['sample.gz'],
    ['sample.json'],
    ['dir/sample.jsonl'],
    ['flows.log'],
  ])('reads %j', (path) => {
    expect(isReadableFlowFile(path)).toBe(true);
  });

  it.each([
    ['cluster-a/dns20240601_0.gz'],
    ['cluster-a/l7/20260901_a1B2c3D4.gz'],
    ['cluster-a/audit_ee20240601_0.gz'],
    ['cluster-a/runtime20240601_0.gz'],
    ['cluster-a/compliance_reports20240601_0.gz'],
    ['cluster-a/non_cluster_flows/20260901_a1B2c3D4.gz'],
    ['README.md'],
    ['sample.txt'],
    ['sample.gz.partial'],
  ])('skips %j', (path) => {
    expect(isReadableFlowFile(path)).toBe(false);
  });
});

describe('listFlowFiles and openFile', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'flowsource-'));
    const files: Record<string, string | Buffer> = {
      'bucket/cluster-b/flows/20260901_a1B2c3D4.gz': gzipSync('{"bytes_in":2}\n'),
      'bucket/cluster-a/flows20240601_1.gz': gzipSync('t\tflows\t{"bytes_in":1}\n'),
      'bucket/cluster-a/flows20240601_0.gz': gzipSync('t\tflows\t{"bytes_in":0}\n'),
      'bucket/cluster-a/dns20240601_0.gz': gzipSync('t\tdns\t{}\n'),
      'bucket/cluster-a/non_cluster_flows/20260901_a1B2c3D4.gz': gzipSync('{}\n'),
      'samples/hand-made.jsonl': '{"bytes_in":3}\n',
      'samples/notes.txt': 'not a log',
    };
    for (const [rel, content] of Object.entries(files)) {
      await mkdir(join(root, rel, '..'), { recursive: true });
      await writeFile(join(root, rel), content);
    }
    await symlink(join(root, 'samples'), join(root, 'bucket', 'link-to-samples'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('lists flow logs beneath a directory recursively, sorted, skipping other log types, other files and symlinks', async () => {
    expect(await listFlowFiles(root)).toStrictEqual([
      join(root, 'bucket/cluster-a/flows20240601_0.gz'),
      join(root, 'bucket/cluster-a/flows20240601_1.gz'),
      join(root, 'bucket/cluster-b/flows/20260901_a1B2c3D4.gz'),
      join(root, 'samples/hand-made.jsonl'),
    ]);
  });

  it('judges paths relative to the directory given (a mirrored bucket root works as well)', async () => {
    expect(await listFlowFiles(join(root, 'bucket', 'cluster-a'))).toStrictEqual([
      join(root, 'bucket/cluster-a/flows20240601_0.gz'),
      join(root, 'bucket/cluster-a/flows20240601_1.gz'),
    ]);
  });

  it('returns a single file as itself, whatever its name', async () => {
    const file = join(root, 'samples/notes.txt');
    expect(await listFlowFiles(file)).toStrictEqual([file]);
  });

  it('reports a missing path as FlowObjectNotFoundError', async () => {
    await expect(listFlowFiles(join(root, 'missing'))).rejects.toBeInstanceOf(FlowObjectNotFoundError);
  });

  it('streams a file into readFlowObject', async () => {
    const seen: number[] = [];
    await readFlowObject(openFile(join(root, 'bucket/cluster-a/flows20240601_1.gz')), (r) => seen.push(r.bytesIn));
    expect(seen).toStrictEqual([1]);
  });

  it('reports opening a missing file as FlowObjectNotFoundError when it is read', async () => {
    const err = await readFlowObject(openFile(join(root, 'missing.gz')), () => {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FlowObjectNotFoundError);
    expect(err).toBeInstanceOf(FlowSourceError);
    expect((err as FlowSourceError).code).toBe('ENOENT');
  });
});
