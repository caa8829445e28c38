import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CapacityMeter, CapacityReport } from '../../app/capacity';

/**
 * Every request asks DynamoDB for its consumed capacity; the units are added to the meter of the
 * job that sent it (found through AsyncLocalStorage, so concurrent jobs of one invocation each
 * count their own). Write requests are also counted by item kind (the sort key's prefix), which
 * is how "writes proportional to change" is checked.
 */
const current = new AsyncLocalStorage<MutableReport>();

interface MutableReport {
  /** The meter this one runs inside (a job within an invocation): it counts the same requests. */
  readonly outer: MutableReport | undefined;
  requests: number;
  read: number;
  write: number;
  writeRequests: Record<string, number>;
}

const READS = new Set(['GetItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand']);

interface Consumed {
  CapacityUnits?: number;
}

function kindOf(sk: unknown): string {
  if (typeof sk !== 'string') return 'unknown';
  const hash = sk.indexOf('#');
  return hash < 0 ? sk : sk.slice(0, hash);
}

/** The sort keys a write request touches. */
function writtenKeys(command: string, input: Record<string, unknown>): unknown[] {
  if (command === 'PutItemCommand') return [(input.Item as Record<string, unknown> | undefined)?.sk];
  if (command === 'UpdateItemCommand' || command === 'DeleteItemCommand') return [(input.Key as Record<string, unknown> | undefined)?.sk];
  if (command === 'BatchWriteItemCommand') {
    const tables = (input.RequestItems ?? {}) as Record<string, { PutRequest?: { Item: Record<string, unknown> }; DeleteRequest?: { Key: Record<string, unknown> } }[]>;
    return Object.values(tables).flatMap((requests) => requests.map((r) => r.PutRequest?.Item.sk ?? r.DeleteRequest?.Key.sk));
  }
  return [];
}

export function attachCapacityMeter(doc: DynamoDBDocumentClient): void {
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const innermost = current.getStore();
      if (!innermost) return next(args);
      const command = context.commandName ?? '';
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'TOTAL';
      const kinds = READS.has(command) ? [] : writtenKeys(command, input).map(kindOf);
      const out = await next(args);
      const consumed = (out.output as { ConsumedCapacity?: Consumed | Consumed[] }).ConsumedCapacity;
      const units = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
      for (let report: MutableReport | undefined = innermost; report; report = report.outer) {
        report.requests++;
        for (const kind of kinds) report.writeRequests[kind] = (report.writeRequests[kind] ?? 0) + 1;
        if (READS.has(command)) report.read += units;
        else report.write += units;
      }
      return out;
    },
    { step: 'initialize', name: 'policyRecommenderCapacityMeter' },
  );
}

export const dynamoCapacityMeter: CapacityMeter = {
  async measure(work) {
    const report: MutableReport = { outer: current.getStore(), requests: 0, read: 0, write: 0, writeRequests: {} };
    const value = await current.run(report, work);
    return { value, report: round(report) };
  },
};

function round(report: MutableReport): CapacityReport {
  return { requests: report.requests, read: Math.round(report.read * 10) / 10, write: Math.round(report.write * 10) / 10, writeRequests: report.writeRequests };
}
