import { Command, CommanderError } from 'commander';
import { UsageError } from './errors';
import { runRecommend, type Io, type RecommendOptions } from './recommend-command';
import { runDev } from '../local/dev';

const realIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  now: () => Math.floor(Date.now() / 1000),
};

/** Exit codes: 0 success, 2 unusable input (one-line reason), 1 unexpected failure. */
export async function main(argv: string[], io: Io = realIo): Promise<number> {
  let code = 0;
  const program = new Command('policy-recommender')
    .description('Learns Calico namespace-isolation policies from archived flow logs.')
    .exitOverride()
    .configureOutput({ writeOut: (t) => io.stdout(t), writeErr: (t) => io.stderr(t) });

  program
    .command('recommend')
    .description('print recommended StagedNetworkPolicies learned from a flow-log file, directory or s3://bucket/prefix')
    .argument('<source>', 'flow-log file, directory of archived objects, or s3://bucket/prefix')
    .option('--scope <file>', 'scope spec or PolicyRecommendationScope resource (YAML or JSON)')
    .option('--cluster-domain <domain>', 'cluster DNS domain', 'cluster.local')
    .option('--since <time>', 'ignore flows that ended before this time (RFC 3339, or a duration before --now)')
    .option('--until <time>', 'ignore flows that ended at or after this time (RFC 3339, or a duration before --now)')
    .option('--now <time>', 'the clock used for lastUpdated (RFC 3339), for reproducible output')
    .option('--format <format>', 'yaml or json (one JSON array of the manifests)', 'yaml')
    .option('--out <dir>', 'write one file per namespace (plus the tier) instead of stdout')
    .option('--stats-json <file>', 'write machine-readable run statistics to this file')
    .option(
      '--impact',
      'instead of the policies, report what our staged policies named in the logs would deny, per namespace (a table on stderr; JSON on stdout with --format json)',
    )
    .action(async (source: string, opts: RecommendOptions) => {
      code = await runRecommend(source, opts, io);
    });

  program
    .command('dev')
    .description('run the whole system locally: emulators, HTTP API, scheduled functions, demo data')
    .action(async () => {
      code = await runDev();
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof UsageError) {
      io.stderr(`policy-recommender: ${err.message}\n`);
      return 2;
    }
    io.stderr(`policy-recommender: unexpected error: ${(err as Error).message}\n`);
    return 1;
  }
}
