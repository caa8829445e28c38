/**
 * `npm run bench -- [--records N] [--workers N] [--repeat N] [--no-duckdb] [--no-rss]`
 *
 * Generates (once, cached under .bench/) realistic archived flow logs, then on the same files
 * measures the floor (one-thread streaming gunzip), the pipeline (the CLI's one-shot path:
 * read, parse, filter, aggregate in worker threads, fold, render) and the peer (DuckDB computing
 * the same aggregation), plus the pipeline's peak RSS at N and 3N records in child processes.
 * Prints a table and writes .bench/results.json. A script, never a test: tests never assert on time.
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from './bench/args';
import { cachedDataset, type Dataset } from './bench/dataset';
import { gunzipFloor, timed } from './bench/floor';
import { runPeer, type PeerOutcome } from './bench/peer-duckdb';
import { runPipeline, type PipelineOutcome } from './bench/pipeline';
import { fix, int, table, throughput, throughputTable, type Row } from './bench/report';

const log = (s: string): void => {
  process.stderr.write(`${s}\n`);
};

interface Best<T> {
  ms: number;
  cpuMs: number;
  runs: number[];
  value: T;
}

async function best<T>(name: string, repeat: number, run: () => Promise<T>, results: Map<string, Best<unknown>>): Promise<void> {
  for (let i = 0; i < repeat; i++) {
    const t = await timed(run);
    log(`  ${name}: ${fix(t.ms / 1000, 2)} s`);
    const prev = results.get(name) as Best<T> | undefined;
    const runs = [...(prev?.runs ?? []), t.ms];
    if (!prev || t.ms < prev.ms) results.set(name, { ms: t.ms, cpuMs: t.cpuMs, runs, value: t.value });
    else prev.runs = runs;
  }
}

function rssChild(dataset: Dataset, workers: number): { ms: number; peakRssBytes: number; sampledRssBytes: number; recordsRead: number } {
  const out = execFileSync(process.execPath, [resolve('bin/run-ts.js'), resolve('scripts/bench/rss-child.ts'), dataset.dir, String(workers)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const last = out.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as { ms: number; peakRssBytes: number; sampledRssBytes: number; recordsRead: number };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const root = resolve(args.dir);
  const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, loadBefore: loadavg().map((l) => fix(l, 2)) };
  log(`machine: ${machine.cpu}, ${machine.cores} cores, node ${machine.node}, load ${machine.loadBefore.join(' ')}`);
  const dataset = await cachedDataset(root, { records: args.records }, log);
  const big = args.rss ? await cachedDataset(root, { records: 3 * args.records }, log) : undefined;
  log(
    `data: ${int(dataset.records)} records in ${dataset.files.length} objects, ${fix(dataset.compressedBytes / 1e6)} MB gzip, ${fix(dataset.decompressedBytes / 1e6)} MB text (${int(dataset.decompressedBytes / dataset.records)} B/record)`,
  );

  const results = new Map<string, Best<unknown>>();
  // Interleaved repetitions, so a burst of load on the machine hits every contender alike.
  for (let i = 0; i < args.repeat; i++) {
    await best('floor', 1, () => gunzipFloor(dataset), results);
    await best('pipeline', 1, () => runPipeline(dataset.dir, args.workers), results);
    if (args.workers > 0) await best('pipeline, 0 workers', 1, () => runPipeline(dataset.dir, 0), results);
    if (args.duckdb) await best('peer (DuckDB)', 1, () => runPeer(dataset.dir), results);
  }
  const floor = results.get('floor') as Best<number>;
  const pipe = results.get('pipeline') as Best<PipelineOutcome>;
  const serial = results.get('pipeline, 0 workers') as Best<PipelineOutcome> | undefined;
  const peer = results.get('peer (DuckDB)') as Best<PeerOutcome> | undefined;

  const rows: Row[] = [];
  const row = (name: string, b: Best<unknown>): Row => ({
    name,
    ms: b.ms,
    cpuMs: b.cpuMs,
    records: dataset.records,
    compressedBytes: dataset.compressedBytes,
    decompressedBytes: dataset.decompressedBytes,
  });
  rows.push(row('floor: gunzip only, 1 thread', floor));
  rows.push(row(`pipeline, ${args.workers} workers`, pipe));
  if (serial) rows.push(row('pipeline, in one thread', serial));
  if (peer) rows.push(row(`peer: DuckDB ${peer.value.version}, ${peer.value.threads} threads`, peer));

  const rss = big
    ? {
        n: rssChild(dataset, args.workers),
        threeN: rssChild(big, args.workers),
      }
    : undefined;

  const ratios: [string, string, string][] = [['pipeline wall / floor wall', fix(pipe.ms / floor.ms, 2), 'target ≤ 1.00']];
  if (peer) ratios.push(['pipeline throughput / DuckDB throughput', fix(peer.ms / pipe.ms, 2), 'target ≥ 2.00']);
  if (serial) ratios.push(['pipeline speed-up from workers', fix(serial.ms / pipe.ms, 2), '']);
  if (peer)
    ratios.push([
      'records counted, pipeline vs DuckDB',
      `${int(pipe.value.recordsAggregated)} vs ${int(peer.value.records)}`,
      pipe.value.recordsAggregated === peer.value.records ? 'equal' : 'DIFFERENT',
    ]);

  const loadAfter = loadavg().map((l) => fix(l, 2));
  const text = [
    '',
    `npm run bench -- --records ${args.records} --workers ${args.workers} --repeat ${args.repeat}`,
    `${machine.cpu}, ${machine.cores} cores, node ${machine.node}; load average before ${machine.loadBefore.join(' ')}, after ${loadAfter.join(' ')}`,
    `${int(dataset.records)} records, ${dataset.files.length} objects (fluentd + fluent-bit), ${fix(dataset.compressedBytes / 1e6)} MB gzip, ${fix(dataset.decompressedBytes / 1e6)} MB text; best of ${args.repeat}`,
    '',
    throughputTable(rows),
    '',
    table(['ratio', 'value', ''], ratios),
    '',
    rss
      ? table(
          ['pipeline peak RSS', 'records', 'wall s', 'VmHWM MB', 'sampled MB'],
          [
            ['N', int(rss.n.recordsRead), fix(rss.n.ms / 1000, 2), fix(rss.n.peakRssBytes / 1e6), fix(rss.n.sampledRssBytes / 1e6)],
            ['3N', int(rss.threeN.recordsRead), fix(rss.threeN.ms / 1000, 2), fix(rss.threeN.peakRssBytes / 1e6), fix(rss.threeN.sampledRssBytes / 1e6)],
          ],
        )
      : '(peak RSS not measured: --no-rss)',
    '',
    `pipeline output: ${pipe.value.objects} objects, ${int(pipe.value.stats.recordsRead)} records read, ${int(pipe.value.stats.recordsUsed)} used, ${pipe.value.recommendations} recommendations, ${fix(pipe.value.yamlBytes / 1e6, 2)} MB YAML`,
    '',
  ].join('\n');
  process.stdout.write(text);

  const json = {
    command: `npm run bench -- --records ${args.records} --workers ${args.workers} --repeat ${args.repeat}`,
    machine: { ...machine, loadAfter },
    dataset: { records: dataset.records, objects: dataset.files.length, compressedBytes: dataset.compressedBytes, decompressedBytes: dataset.decompressedBytes, dir: dataset.dir },
    contenders: rows.map((r) => ({
      ...r,
      ...throughput(r),
      runsMs: results.get(r.name.startsWith('floor') ? 'floor' : r.name.startsWith('peer') ? 'peer (DuckDB)' : r.name.includes('one thread') ? 'pipeline, 0 workers' : 'pipeline')
        ?.runs,
    })),
    ratios: Object.fromEntries(ratios.map(([k, v]) => [k, v])),
    rss: rss ?? null,
    pipeline: pipe.value,
    peer: peer?.value ?? null,
  };
  await writeFile(join(root, 'results.json'), `${JSON.stringify(json, null, 2)}\n`);
  log(`wrote ${join(root, 'results.json')}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
