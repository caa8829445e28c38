import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { FlowObjectNotFoundError, FlowSourceError } from './errors';

export interface S3ObjectInfo {
  readonly key: string;
  readonly size: number;
  /** As S3 returns it (quoted); empty when absent. */
  readonly etag: string;
  readonly lastModified: Date | null;
}

interface SdkErrorShape {
  name?: unknown;
  Code?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as SdkErrorShape;
  if (typeof e.Code === 'string') return e.Code;
  return typeof e.name === 'string' ? e.name : undefined;
}

function httpStatus(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const status = (err as SdkErrorShape).$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Maps an SDK error to the project's errors; the message carries only location, code and status. */
export function toFlowSourceError(err: unknown, operation: string, bucket: string, key?: string): FlowSourceError {
  if (err instanceof FlowSourceError) return err;
  const code = errorCode(err);
  const status = httpStatus(err);
  const where = key === undefined ? `s3://${bucket}` : `s3://${bucket}/${key}`;
  const context = { bucket, key, code, cause: err };
  if (code === 'NoSuchKey' || (code === 'NotFound' && key !== undefined)) {
    return new FlowObjectNotFoundError(`flow-log object not found: ${where}`, context);
  }
  const detail = [code ?? 'unknown error', status === undefined ? '' : `HTTP ${status}`].filter(Boolean).join(', ');
  return new FlowSourceError(`S3 ${operation} failed for ${where}: ${detail}`, context);
}

/** Every object under `prefix`, page by page (ListObjectsV2 continuation tokens). */
export async function* listObjects(client: S3Client, bucket: string, prefix: string): AsyncIterable<S3ObjectInfo> {
  let token: string | undefined;
  do {
    let page;
    try {
      page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    } catch (err) {
      throw toFlowSourceError(err, 'ListObjectsV2', bucket);
    }
    for (const obj of page.Contents ?? []) {
      if (obj.Key === undefined) continue;
      yield { key: obj.Key, size: obj.Size ?? 0, etag: obj.ETag ?? '', lastModified: obj.LastModified ?? null };
    }
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
}

async function* guarded(body: AsyncIterable<Uint8Array>, bucket: string, key: string): AsyncGenerator<Uint8Array> {
  try {
    yield* body;
  } catch (err) {
    throw toFlowSourceError(err, 'GetObject (body)', bucket, key);
  }
}

/**
 * The object's body as a byte stream, not buffered. Errors while streaming (a reset connection)
 * surface as `FlowSourceError` from the iteration.
 */
export async function openObject(client: S3Client, bucket: string, key: string): Promise<AsyncIterable<Uint8Array>> {
  let body: unknown;
  try {
    const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    body = out.Body;
  } catch (err) {
    throw toFlowSourceError(err, 'GetObject', bucket, key);
  }
  if (typeof body !== 'object' || body === null || !(Symbol.asyncIterator in body)) {
    throw new FlowSourceError(`S3 GetObject returned no readable body for s3://${bucket}/${key}`, { bucket, key });
  }
  return guarded(body as AsyncIterable<Uint8Array>, bucket, key);
}
