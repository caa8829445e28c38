import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GENERATED, compileScanner, compilerVersion, renderModule } from './wasm/compile';

/** `npm run build:wasm`: recompiles the WebAssembly scanner and rewrites its embedding module. */
async function main(): Promise<void> {
  const root = resolve(__dirname, '..');
  const binary = await compileScanner(root);
  writeFileSync(join(root, GENERATED), renderModule(binary, compilerVersion(root)));
  process.stdout.write(`${GENERATED}: ${binary.length} bytes of WebAssembly\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
