import { startEmulators } from './emulators';

/**
 * Runs the emulators in their own process. s3rver answers 500 to paginated listings unless its
 * process has the legacy OpenSSL provider, so parents start this with
 * `--openssl-legacy-provider`. Prints one JSON line with the endpoints when ready; stops on
 * SIGTERM/SIGINT or when the parent closes stdin.
 */
async function run(): Promise<void> {
  const emulators = await startEmulators({
    stateDir: process.env.EMULATOR_STATE_DIR ?? '.local',
    dynamoPort: Number(process.env.EMULATOR_DYNAMODB_PORT ?? 0),
    s3Port: Number(process.env.EMULATOR_S3_PORT ?? 0),
    inMemoryDynamo: process.env.EMULATOR_DYNAMODB_IN_MEMORY === '1',
  });
  process.stdout.write(`${JSON.stringify({ dynamoEndpoint: emulators.dynamoEndpoint, s3Endpoint: emulators.s3Endpoint })}\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await emulators.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
}

run().catch((err) => {
  process.stderr.write(`emulators failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
