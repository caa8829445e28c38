import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../lib/cli/main';
import { fluentBitObject, fluentdObject, rawFlow } from './flowlog-files';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const BIN = join(__dirname, '../../bin/policy-recommender.js');

/**
 * Runs the CLI in this process: the same `main()` the bin calls, with stdout and stderr captured.
 * A child process costs seconds of start-up (tsx, the SDK); only tests about the bin itself spawn one.
 */
export async function cli(args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    now: () => Math.floor(Date.now() / 1000),
  });
  return { code, stdout, stderr };
}

/** Runs the CLI through bin/policy-recommender.js in a child process: exit code and streams as a shell sees them. */
export async function cliBin(args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { maxBuffer: 16 << 20 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** An archive directory with the engine's worked example split over both layouts, plus hostile and malformed lines that must be counted. */
export async function writeCliArchive(): Promise<string> {
  const archive = await mkdtemp(join(tmpdir(), 'pr-cli-'));
  await mkdir(join(archive, 'cluster-a/flows'), { recursive: true });
  await writeFile(
    join(archive, 'cluster-a/flows20260901_0.gz'),
    fluentdObject([
      rawFlow({ dest_name_aggr: 'pub', dest_port: 443, dest_domains: ['api.stripe.com'] }),
      rawFlow({ source_namespace: "shop' || has(x", dest_port: 1 }),
      rawFlow({ action: 'deny', dest_port: 9 }),
      rawFlow({ policies: { enforced_policies: ['0|default|np:shop/default.allow-web|allow|0'] }, dest_port: 10 }),
    ]),
  );
  await writeFile(
    join(archive, 'cluster-a/flows/20260901_a1b2c3d4.gz'),
    Buffer.concat([
      fluentBitObject([rawFlow({ dest_type: 'wep', dest_namespace: 'payments', dest_name_aggr: 'api-*', dest_port: 8080 })]),
      fluentBitObject([
        rawFlow({
          reporter: 'dst',
          source_namespace: 'frontend',
          source_name_aggr: 'web-*',
          dest_type: 'wep',
          dest_namespace: 'shop',
          dest_name_aggr: 'checkout-*',
          dest_port: 80,
        }),
      ]),
    ]),
  );
  await writeFile(join(archive, 'cluster-a/flows20260901_1.gz'), fluentdObject([]).subarray(0, 0));
  await writeFile(join(archive, 'notes.txt'), 'not a flow log');
  await writeFile(join(archive, 'cluster-a/flows20260901_2.gz'), '{not json\n{"proto": "bogus"}\n');
  return archive;
}
