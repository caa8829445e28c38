import { ensureBoardBuilt } from '../lib/local/board-build';

// `npm run build:board`: builds board/dist when its sources changed (`--force`: always).
ensureBoardBuilt(process.argv.includes('--force')).then(
  (built) => process.stdout.write(built ? 'board page built into board/dist\n' : 'board page is up to date\n'),
  (err: Error) => {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  },
);
