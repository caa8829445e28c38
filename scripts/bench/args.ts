import { availableParallelism } from 'node:os';

export interface BenchArgs {
  readonly records: number;
  readonly workers: number;
  /** Each measurement is repeated; the best (shortest) run is reported, for every contender alike. */
  readonly repeat: number;
  readonly duckdb: boolean;
  readonly rss: boolean;
  readonly dir: string;
}

const USAGE = 'usage: npm run bench -- [--records N] [--workers N] [--repeat N] [--no-duckdb] [--no-rss] [--dir .bench]';

function positiveInt(flag: string, value: string | undefined, min: number): number {
  const n = Number(value?.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`${flag} must be an integer ≥ ${min}, got ${JSON.stringify(value)}\n${USAGE}`);
  return n;
}

export function parseArgs(argv: readonly string[]): BenchArgs {
  let records = 1_000_000;
  let workers = availableParallelism();
  let repeat = 3;
  let duckdb = true;
  let rss = true;
  let dir = '.bench';
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    switch (flag) {
      case '--records':
        records = positiveInt(flag, value, 1);
        i++;
        break;
      case '--workers':
        workers = positiveInt(flag, value, 0);
        i++;
        break;
      case '--repeat':
        repeat = positiveInt(flag, value, 1);
        i++;
        break;
      case '--dir':
        if (!value) throw new Error(USAGE);
        dir = value;
        i++;
        break;
      case '--no-duckdb':
        duckdb = false;
        break;
      case '--no-rss':
        rss = false;
        break;
      default:
        throw new Error(`unknown argument ${JSON.stringify(flag)}\n${USAGE}`);
    }
  }
  return { records, workers, repeat, duckdb, rss, dir };
}
