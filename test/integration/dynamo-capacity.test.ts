import { describe, expect, it } from 'vitest';
import { dynamoCapacityMeter } from '../../lib/adapters/dynamodb/capacity';
import { freshStore } from '../support/aws';
import { registerCluster } from '../support/process';

/** Run summaries and the DynamoDbCapacityUnits metric: the store counts what DynamoDB reports it consumed. */
describe('DynamoDB capacity meter (emulator)', () => {
  it('sums the capacity units and write requests of the work it measures, nested meters included, and changes nothing else', async () => {
    const { store } = await freshStore();
    const outer = await dynamoCapacityMeter.measure(async () => {
      const inner = await dynamoCapacityMeter.measure(() => registerCluster(store, { id: 'metered', flowLogs: { bucket: 'logs', prefix: 'm' }, registeredAt: 0 }));
      expect(inner.report.write).toBeGreaterThan(0);
      expect(inner.report.writeRequests).toEqual({ CLUSTER: 1, SCOPE: 1 });
      expect((await store.getCluster('metered'))?.value.id).toBe('metered');
      return inner.report;
    });
    expect(outer.report.writeRequests).toEqual({ CLUSTER: 1, SCOPE: 1 });
    expect(outer.report.read).toBeGreaterThan(0);
    expect(outer.report.requests).toBe(outer.value.requests + 1);
    // Outside any measurement nothing is counted and requests are sent as they are.
    expect((await store.getCluster('metered'))?.value.id).toBe('metered');
  });
});
