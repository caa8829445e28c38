/**
 * `npx tsx scripts/bench/thread-cpu.ts <data dir> <workers>`: runs the pipeline once in this
 * process and prints wall time, process CPU time, peak RSS (VmHWM) and the CPU time of every
 * thread (sampled from /proc/self/task every 20 ms, so threads that exit are still counted):
 * the JavaScript threads (main, workers), V8's platform threads (GC helpers, concurrent
 * compilation) and the libuv pool (inflate in one thread, file reads). Linux only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { runPipeline } from './pipeline';

const last = new Map<string, { comm: string; ticks: number }>();

function sample(): void {
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const s = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const comm = s.slice(s.indexOf('(') + 1, s.lastIndexOf(')'));
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      last.set(tid, { comm, ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // The thread exited between readdir and read.
    }
  }
}

async function main(): Promise<void> {
  const [dir, workers] = process.argv.slice(2);
  if (dir === undefined || workers === undefined) throw new Error('usage: thread-cpu.ts <dir> <workers>');
  const timer = setInterval(sample, 20);
  const c0 = process.cpuUsage();
  sample();
  const base = new Map([...last].map(([k, v]) => [k, v.ticks]));
  const t0 = performance.now();
  const o = await runPipeline(dir, Number(workers));
  const ms = performance.now() - t0;
  sample();
  clearInterval(timer);
  const c = process.cpuUsage(c0);
  const hwm = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024;
  const threads: [string, number][] = [];
  for (const [tid, v] of last) {
    const d = v.ticks - (base.get(tid) ?? 0);
    if (d > 0) threads.push([`${v.comm}#${tid}`, d / 100]);
  }
  process.stdout.write(
    `${JSON.stringify({ wallS: +(ms / 1000).toFixed(2), cpuS: +((c.user + c.system) / 1e6).toFixed(2), peakRssMB: Math.round(hwm), recordsRead: o.stats.recordsRead, recordsUsed: o.stats.recordsUsed, yamlBytes: o.yamlBytes })}\n`,
  );
  process.stdout.write(
    `thread CPU s (tid in creation order): ${threads
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k}=${v.toFixed(2)}`)
      .join(' ')}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
