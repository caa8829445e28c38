import type { S3Client } from '@aws-sdk/client-s3';
import { ArchivedObjectGoneError, type FlowArchive } from '../app/process/ports';
import { FlowObjectNotFoundError } from './flowsource/errors';
import { listObjects, openObject } from './flowsource/s3-source';

/** The flow-log archive port over S3. */
export function s3Archive(client: S3Client): FlowArchive {
  return {
    async *list(bucket, prefix) {
      for await (const o of listObjects(client, bucket, prefix)) {
        yield { key: o.key, size: o.size, etag: o.etag, lastModified: Math.floor((o.lastModified?.getTime() ?? 0) / 1000) };
      }
    },
    open: async (bucket, key) => {
      try {
        return await openObject(client, bucket, key);
      } catch (err) {
        throw err instanceof FlowObjectNotFoundError ? new ArchivedObjectGoneError(err.message, { cause: err }) : err;
      }
    },
  };
}
