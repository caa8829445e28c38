import { mkdtemp, mkdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { boardSourceHash, ensureBoardBuilt } from '../../lib/local/board-build';

describe('npm start builds the board page only when its sources changed', () => {
  it('hashes names and contents, not modification times', async () => {
    const root = await mkdtemp(join(tmpdir(), 'pr-board-src-'));
    try {
      await mkdir(join(root, 'board/src'), { recursive: true });
      await writeFile(join(root, 'board/src/main.tsx'), 'one');
      await writeFile(join(root, 'package-lock.json'), '{}');
      const first = await boardSourceHash(root);
      await utimes(join(root, 'board/src/main.tsx'), new Date(0), new Date(0));
      expect(await boardSourceHash(root)).toBe(first);
      await writeFile(join(root, 'board/src/main.tsx'), 'two');
      expect(await boardSourceHash(root)).not.toBe(first);
      await writeFile(join(root, 'board/src/main.tsx'), 'one');
      await writeFile(join(root, 'board/src/extra.ts'), '');
      expect(await boardSourceHash(root)).not.toBe(first);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('does not rebuild a page built from the current sources (the test run built it up front)', async () => {
    expect(await ensureBoardBuilt()).toBe(false);
  });
});
