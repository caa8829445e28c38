import { ConcurrentUpdateError, ItemTooLargeError, StoreError } from '../../app/errors';

/** Translates SDK errors into the application's; a failed condition is a concurrent update. */
export async function translate<T>(cluster: string, item: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'ConditionalCheckFailedException') throw new ConcurrentUpdateError(cluster, item);
    if (name === 'ValidationException' && /item size/i.test((err as Error).message)) throw new ItemTooLargeError(cluster, item);
    throw new StoreError(`DynamoDB ${item} of cluster ${cluster}: ${(err as Error).message}`, { cause: err });
  }
}

/** A conditional write whose failed condition is an answer, not an error: false when it did not hold. */
export async function conditionHolds(cluster: string, item: string, op: () => Promise<unknown>): Promise<boolean> {
  try {
    await translate(cluster, item, op);
    return true;
  } catch (err) {
    if (err instanceof ConcurrentUpdateError) return false;
    throw err;
  }
}
