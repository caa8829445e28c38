import { describe, expect, inject, it } from 'vitest';
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
