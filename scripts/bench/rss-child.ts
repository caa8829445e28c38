import { readFileSync } from 'node:fs';
import { runPipeline } from './pipeline';

/**
 * Child process of the bench: runs the pipeline once over `<dir>` with `<workers>` and prints its
 * wall time and peak resident memory (VmHWM of the whole process, worker threads included; a
 * sampled `process.memoryUsage().rss` maximum is printed as a cross-check).
 */
function vmHwmBytes(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : Number.NaN;
}

async function main(): Promise<void> {
  const [dir, workers] = process.argv.slice(2);
  if (!dir || workers === undefined) throw new Error('usage: rss-child.ts <dir> <workers>');
  let sampled = process.memoryUsage().rss;
  const timer = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage().rss);
  }, 20);
  const start = performance.now();
  const outcome = await runPipeline(dir, Number(workers));
  const ms = performance.now() - start;
  clearInterval(timer);
  sampled = Math.max(sampled, process.memoryUsage().rss);
  process.stdout.write(`${JSON.stringify({ ms, peakRssBytes: vmHwmBytes(), sampledRssBytes: sampled, recordsRead: outcome.stats.recordsRead })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
