import { describe, expect, it } from 'vitest';
import { freshStore } from '../support/aws';
import { registerCluster } from '../support/process';

/** The DynamoDbCapacityUnits metric: the state store counts what DynamoDB reports it consumed. */
describe('DynamoDB capacity meter (emulator)', () => {
  it('sums the capacity units item operations report, and changes nothing else', async () => {
    const { ctx, store } = await freshStore();
    expect(ctx.capacity.units()).toBe(0);
    await registerCluster(store, { id: 'metered', flowLogs: { bucket: 'logs', prefix: 'm' }, registeredAt: 0 });
    const afterWrite = ctx.capacity.units();
    expect(afterWrite).toBeGreaterThan(0);
    expect((await store.getCluster('metered'))?.value.id).toBe('metered');
    expect(ctx.capacity.units()).toBeGreaterThan(afterWrite);
  });
});
