import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { spawnEmulators, type EmulatorProcess } from '../../lib/local/spawn-emulators';
import { ensureBoardBuilt } from '../../lib/local/board-build';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    s3Endpoint: string;
  }
}

let emulators: EmulatorProcess | undefined;
let stateDir: string | undefined;

/** One pair of emulators for the whole run; each test file uses its own table and buckets. */
export async function setup(project: TestProject): Promise<void> {
  // Built once before any test: the stacks and packages that tests start all serve the same files.
  await ensureBoardBuilt();
  stateDir = await mkdtemp(join(tmpdir(), 'pr-emulators-'));
  emulators = await spawnEmulators({ EMULATOR_STATE_DIR: stateDir, EMULATOR_DYNAMODB_IN_MEMORY: '1' });
  project.provide('dynamoEndpoint', emulators.dynamoEndpoint);
  project.provide('s3Endpoint', emulators.s3Endpoint);
}

export async function teardown(): Promise<void> {
  await emulators?.stop();
  if (stateDir) await rm(stateDir, { recursive: true, force: true });
}
