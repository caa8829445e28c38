import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
export const BOARD_DIR = join(ROOT, 'board');
export const BOARD_DIST = join(BOARD_DIR, 'dist');
/** Written after a build: the hash of the sources it was built from. */
const STAMP = join(BOARD_DIST, '.source-hash');
/** What the built page depends on; the lockfile stands for the versions of Preact and Vite. */
const INPUTS = ['board/index.html', 'board/vite.config.mts', 'board/tsconfig.json', 'board/src', 'package-lock.json'];

async function files(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => undefined);
  if (!entries) return [path];
  const nested = await Promise.all(entries.map((e) => files(join(path, e.name))));
  return nested.flat();
}

/** A hash of the page's sources (names and contents): mtimes change on checkout without a change. */
export async function boardSourceHash(root = ROOT): Promise<string> {
  const hash = createHash('sha256');
  const all = (await Promise.all(INPUTS.map((p) => files(join(root, p))))).flat().sort();
  for (const file of all) {
    hash.update(relative(root, file)).update('\0');
    hash.update(await readFile(file).catch(() => Buffer.alloc(0))).update('\0');
  }
  return hash.digest('hex');
}

function runVite(outDir: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(BOARD_DIR, 'vite.config.mts'), '--outDir', outDir], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', fail);
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`building the board page failed (vite exited with ${code})`))));
  });
}

/** Builds the board page unless board/dist was built from the current sources. Returns whether it built. */
export async function ensureBoardBuilt(force = false): Promise<boolean> {
  const want = await boardSourceHash();
  const have = await readFile(STAMP, 'utf8').catch(() => '');
  if (!force && have.trim() === want) return false;
  // Built aside and swapped in, so two `npm start`s (or test runs) never see half a folder.
  const fresh = join(BOARD_DIR, `.dist-${process.pid}`);
  const old = join(BOARD_DIR, `.dist-old-${process.pid}`);
  try {
    await runVite(fresh);
    await writeFile(join(fresh, '.source-hash'), `${want}\n`);
    await rename(BOARD_DIST, old).catch(() => undefined);
    await rename(fresh, BOARD_DIST).catch(() => undefined); // lost a race: the winner built the same
  } finally {
    await rm(fresh, { recursive: true, force: true });
    await rm(old, { recursive: true, force: true });
  }
  return true;
}
