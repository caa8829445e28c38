import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED, compileScanner, compilerVersion, renderModule } from '../../scripts/wasm/compile';

/**
 * The embedded WebAssembly is what the committed AssemblyScript source compiles to: a change to
 * the source without `npm run build:wasm` (or a hand-edited binary) fails here.
 */
describe('embedded WebAssembly scanner', () => {
  it('is the compilation of lib/core/flowlog/assembly/json-scan.ts', async () => {
    const root = resolve(__dirname, '../..');
    const binary = await compileScanner(root);
    expect(readFileSync(resolve(root, GENERATED), 'utf8')).toBe(renderModule(binary, compilerVersion(root)));
  }, 120_000);
});
