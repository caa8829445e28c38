import { describe, expect, inject, it, vi } from 'vitest';
import type { S3Event } from 'aws-lambda';
import { freshStore } from '../support/aws';
import { registerCluster } from '../support/process';

function s3Event(bucket: string, keys: string[]): S3Event {
  return {
    Records: keys.map((key) => ({
      eventTime: '2026-09-01T12:00:00.000Z',
      s3: { bucket: { name: bucket }, object: { key: encodeURIComponent(key).replace(/%2F/g, '/'), size: 10, eTag: 'e' } },
    })),
  } as unknown as S3Event;
}

describe('indexFlowLogs handler (S3 notifications → ledger)', () => {
  it('records flow-log keys of registered clusters as pending and ignores everything else', async () => {
    const { store, table } = await freshStore();
    await registerCluster(store, { id: 'east', flowLogs: { bucket: 'logs', prefix: 'clusters/east' }, registeredAt: 0 });
    await registerCluster(store, { id: 'west', flowLogs: { bucket: 'logs', prefix: 'clusters/west' }, registeredAt: 0 });
    process.env.TABLE_NAME = table;
    process.env.DYNAMODB_ENDPOINT = inject('dynamoEndpoint');
    const { handler } = await import('../../functions/indexFlowLogs');
    const event = s3Event('logs', [
      'clusters/east/flows20260901_0.gz',
      'clusters/west/flows/20260901_Ab3dE6gH.gz',
      'clusters/east/dns20260901_0.gz',
      'clusters/east/flows/20260901_short.gz',
      'clusters/north/flows20260901_0.gz',
      'clusters/east/flows20260901_0.gz',
    ]);
    const result = await handler(event, {} as never);
    expect(result).toEqual({ recorded: 2, duplicates: 1, ignored: 3 });
    expect((await store.listPending('east', 10)).map((e) => e.key)).toEqual(['clusters/east/flows20260901_0.gz']);
    expect((await store.listPending('west', 10)).map((e) => e.key)).toEqual(['clusters/west/flows/20260901_Ab3dE6gH.gz']);
    const other = s3Event('other-bucket', ['clusters/east/flows20260901_1.gz']);
    expect(await handler(other, {} as never)).toEqual({ recorded: 0, duplicates: 0, ignored: 1 });
  });
});

describe('indexFlowLogs handler (EventBridge Object Created → ledger)', () => {
  /** The deployed path: one object per event, the bucket's notification configuration untouched. */
  const eventBridge = (bucket: string, key: string) => ({
    version: '0',
    id: 'e1',
    'detail-type': 'Object Created',
    source: 'aws.s3',
    account: '123456789012',
    time: '2026-09-01T12:00:00Z',
    region: 'eu-west-1',
    resources: [`arn:aws:s3:::${bucket}`],
    detail: { version: '0', bucket: { name: bucket }, object: { key, size: 42, etag: 'abc', sequencer: '1' }, reason: 'PutObject' },
  });

  it('records a flow-log object of a registered cluster and ignores objects of none', async () => {
    const { store, table } = await freshStore();
    await registerCluster(store, { id: 'south', flowLogs: { bucket: 'eb-logs', prefix: 'clusters/south' }, registeredAt: 0 });
    process.env.TABLE_NAME = table;
    process.env.DYNAMODB_ENDPOINT = inject('dynamoEndpoint');
    vi.resetModules();
    const { handler } = await import('../../functions/indexFlowLogs');
    expect(await handler(eventBridge('eb-logs', 'clusters/south/flows20260901_0.gz'), {} as never)).toEqual({ recorded: 1, duplicates: 0, ignored: 0 });
    expect(await handler(eventBridge('eb-logs', 'clusters/other/flows20260901_0.gz'), {} as never)).toEqual({ recorded: 0, duplicates: 0, ignored: 1 });
    expect(await handler({ source: 'aws.events', 'detail-type': 'Scheduled Event' }, {} as never)).toEqual({ recorded: 0, duplicates: 0, ignored: 0 });
    const pending = await store.listPending('south', 10);
    expect(pending.map((e) => [e.key, e.size, e.arrivedAt])).toEqual([['clusters/south/flows20260901_0.gz', 42, Date.UTC(2026, 8, 1, 12) / 1000]]);
  });
});
