import type { CreatedObject } from '../../app/index-objects';

/**
 * New objects from either delivery path: Amazon EventBridge `Object Created` events (one object
 * per event; the deployed path, it leaves the bucket's notification configuration alone) or S3
 * event notifications (`Records[]`, kept for buckets that already send them to this function).
 * Anything else yields no objects.
 */
export function parseObjectCreated(event: unknown, nowSeconds: number): CreatedObject[] {
  if (typeof event !== 'object' || event === null) return [];
  const e = event as Record<string, unknown>;
  if (e.source === 'aws.s3' && e['detail-type'] === 'Object Created') {
    const detail = (e.detail ?? {}) as { bucket?: { name?: unknown }; object?: { key?: unknown; size?: unknown; etag?: unknown } };
    const bucket = detail.bucket?.name;
    const key = detail.object?.key;
    if (typeof bucket !== 'string' || typeof key !== 'string') return [];
    return [{ bucket, key, size: num(detail.object?.size), etag: str(detail.object?.etag), arrivedAt: seconds(e.time, nowSeconds) }];
  }
  if (!Array.isArray(e.Records)) return [];
  return e.Records.flatMap((r: unknown): CreatedObject[] => {
    const rec = r as { eventTime?: unknown; s3?: { bucket?: { name?: unknown }; object?: { key?: unknown; size?: unknown; eTag?: unknown } } };
    const bucket = rec.s3?.bucket?.name;
    const key = rec.s3?.object?.key;
    if (typeof bucket !== 'string' || typeof key !== 'string') return [];
    const decoded = decodeNotificationKey(key);
    if (decoded === undefined) return [];
    return [{ bucket, key: decoded, size: num(rec.s3?.object?.size), etag: str(rec.s3?.object?.eTag), arrivedAt: seconds(rec.eventTime, nowSeconds) }];
  });
}

/** S3 notification keys are form-encoded (`+` for spaces); EventBridge keys are used as sent. */
function decodeNotificationKey(key: string): string | undefined {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown) => (typeof v === 'string' ? v : '');
function seconds(v: unknown, fallback: number): number {
  const ms = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : fallback;
}
