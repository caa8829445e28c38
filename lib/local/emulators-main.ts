import { startEmulators } from './emulators';
import { loadEmulatorConfig } from '../config/local';
import { processEnv } from '../config/env';

/**
 * Runs the emulators in their own process. s3rver answers 500 to paginated listings unless its
 * process has the legacy OpenSSL provider, so parents start this with
 * `--openssl-legacy-provider`. Prints one JSON line with the endpoints when ready; stops on
 * SIGTERM/SIGINT or when the parent closes stdin.
 */
async function run(): Promise<void> {
  const emulators = await startEmulators(loadEmulatorConfig(processEnv()));
  process.stdout.write(`${JSON.stringify({ dynamoEndpoint: emulators.dynamoEndpoint, s3Endpoint: emulators.s3Endpoint })}\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await emulators.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.stdin.on('end', () => void stop());
  process.stdin.resume();
}

run().catch((err) => {
  process.stderr.write(`emulators failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
