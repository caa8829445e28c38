import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import dynalite from 'dynalite';
import S3rver from 's3rver';

/** The embedded AWS emulators used by the local stack and the integration tests. */
export interface Emulators {
  readonly dynamoEndpoint: string;
  readonly s3Endpoint: string;
  close(): Promise<void>;
}

export interface EmulatorOptions {
  /** Where state is kept; a restart with the same folder keeps tables and objects. */
  readonly stateDir: string;
  readonly dynamoPort?: number;
  readonly s3Port?: number;
  /** Keep DynamoDB in memory (tests): faster, nothing to clean up. */
  readonly inMemoryDynamo?: boolean;
}

/** s3rver accepts only these credentials. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export async function startEmulators(options: EmulatorOptions): Promise<Emulators> {
  await mkdir(join(options.stateDir, 's3'), { recursive: true });
  const dynamo = dynalite({ path: options.inMemoryDynamo ? undefined : join(options.stateDir, 'dynamodb'), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    dynamo.once('error', reject);
    dynamo.listen(options.dynamoPort ?? 0, '127.0.0.1', () => resolve());
  });
  const s3 = new S3rver({ port: options.s3Port ?? 0, address: '127.0.0.1', directory: join(options.stateDir, 's3'), silent: true });
  let s3Address: AddressInfo;
  try {
    s3Address = await s3.run();
  } catch (err) {
    dynamo.close();
    throw err;
  }
  const dynamoPort = (dynamo.address() as AddressInfo).port;
  return {
    dynamoEndpoint: `http://127.0.0.1:${dynamoPort}`,
    s3Endpoint: `http://127.0.0.1:${s3Address.port}`,
    async close() {
      await s3.close();
      await new Promise<void>((resolve) => dynamo.close(() => resolve()));
    },
  };
}
