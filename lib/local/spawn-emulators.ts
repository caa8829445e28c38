import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { processEnv } from '../config/env';

export interface EmulatorProcess {
  readonly dynamoEndpoint: string;
  readonly s3Endpoint: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts lib/local/emulators-main.ts in a child process (see there why) and waits until ready. */
export async function spawnEmulators(env: Record<string, string>): Promise<EmulatorProcess> {
  const root = resolve(__dirname, '../..');
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '--import', 'tsx', resolve(root, 'lib/local/emulators-main.ts')], {
    cwd: root,
    env: { ...processEnv(), ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const ready = await new Promise<{ dynamoEndpoint: string; s3Endpoint: string }>((resolveReady, reject) => {
    child.once('exit', (code) => reject(new Error(`emulators exited with code ${code} before they were ready`)));
    lines.once('line', (line) => {
      try {
        resolveReady(JSON.parse(line) as { dynamoEndpoint: string; s3Endpoint: string });
      } catch {
        reject(new Error(`unexpected output from the emulators: ${line}`));
      }
    });
  });
  return {
    ...ready,
    child,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
