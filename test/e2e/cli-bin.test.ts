import { beforeAll, describe, expect, it } from 'vitest';
import { cli, cliBin, writeCliArchive } from '../support/cli';

const NOW = '2026-09-01T12:10:00Z';

/**
 * The bin itself, in a child process: what test/cli/*.test.ts check through main() in process
 * reaches a shell the same way, stdout, stderr and exit code.
 */
describe('bin/policy-recommender.js (child process)', () => {
  let archive: string;
  beforeAll(async () => {
    archive = await writeCliArchive();
  });

  it('prints what main() prints, and exits 0', async () => {
    const bin = await cliBin(['recommend', archive, '--now', NOW]);
    expect(bin.code).toBe(0);
    expect(bin.stdout).toContain('kind: Tier');
    expect(bin.stderr).toMatch(/records read 8, used 3, rejected 3 \(invalidName 1, notJson 1, unknownEnum 1\), skipped 2 \(deny 1, protected 1\)/);
    const inProcess = await cli(['recommend', archive, '--now', NOW]);
    expect(bin.stdout).toBe(inProcess.stdout);
    expect(bin.stderr).toBe(inProcess.stderr);
  });

  it.each([
    [['recommend', '/nonexistent/flows'], /cannot read source/],
    [['recommend'], /missing required argument/],
  ])('exits 2 with a one-line reason on stderr and nothing on stdout: %j', async (args, reason) => {
    const r = await cliBin(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(reason);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });
});
