import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Read and write capacity units consumed through one client since the container started. */
export interface CapacityMeter {
  units(): number;
}

/** The operations that can report what they consumed (ReturnConsumedCapacity). */
const METERED = new Set(['GetItemCommand', 'PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand', 'TransactGetItemsCommand']);

interface Consumed {
  CapacityUnits?: number;
}

/**
 * Asks DynamoDB to report consumed capacity on every item operation and sums it, so a run can
 * publish what it cost (the `DynamoDbCapacityUnits` metric). Nothing else about a call changes.
 */
export function meterCapacity(client: DynamoDBClient): CapacityMeter {
  let total = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      if (METERED.has(context.commandName ?? '') && input.ReturnConsumedCapacity === undefined) input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: Consumed | Consumed[] } | undefined)?.ConsumedCapacity;
      for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) total += c.CapacityUnits ?? 0;
      return result;
    },
    { step: 'initialize', name: 'policyRecommenderCapacityMeter' },
  );
  return { units: () => total };
}
