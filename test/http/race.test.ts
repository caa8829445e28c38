import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDynamoContext, dynamoStateStore } from '../../lib/adapters/dynamodb';
import { createBoard } from '../../lib/app/board';
import { loadAuthConfig } from '../../lib/config/auth';
import { createApiHandler } from '../../lib/http/api';
import { createVerifier } from '../../lib/http/auth/verifier';
import { ADMIN, randomSecret, signHs256 } from '../support/jwt';
import { call, httpEvent } from './events';
import { recommendation } from './fixtures';
import { clockOf } from '../../lib/core/engine';

// The emulator cannot lose a race on demand; a mocked DynamoDB can, at the exact write.
const NOW = 1_788_264_000;
const secret = randomSecret();
const ctx = createDynamoContext('races', { region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const ddb = mockClient(ctx.doc);
const handler = createApiHandler({
  board: createBoard({ store: dynamoStateStore(ctx), clock: clockOf(() => NOW) }),
  verifier: createVerifier(loadAuthConfig({ AUTH_HS256_SECRET: secret }), { now: () => new Date(NOW * 1000) }),
  log: { logger: { info() {}, error() {} } },
});
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

describe('a board action racing another writer (mocked DynamoDB)', () => {
  beforeEach(() => {
    ddb.reset();
    ddb.on(GetCommand).resolves({ Item: { pk: 'CLUSTER#c1', sk: 'REC#shop', rec: recommendation('shop'), version: 3 } });
    ddb.on(BatchGetCommand).resolves({ Responses: {} });
  });

  it('answers 409 ConcurrentModification when the conditional write fails on the retry too', async () => {
    ddb.on(UpdateCommand).rejects(conditionFailed());
    const r = await call(handler, httpEvent('POST', '/clusters/c1/recommendations/shop/activate', { token: await signHs256(secret, { now: NOW, groups: [ADMIN] }) }));
    expect(r.status).toBe(409);
    expect(r.json).toMatchObject({ error: { code: 'ConcurrentModification' } });
    const writes = ddb.commandCalls(UpdateCommand);
    expect(writes).toHaveLength(2);
    expect(writes[0]!.args[0].input).toMatchObject({ ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': 3, ':nv': 4 } });
  });

  it('succeeds after one lost race by re-reading and writing again', async () => {
    ddb.on(UpdateCommand).rejectsOnce(conditionFailed()).resolves({});
    const r = await call(handler, httpEvent('POST', '/clusters/c1/recommendations/shop/activate', { token: await signHs256(secret, { now: NOW, groups: [ADMIN] }) }));
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ changed: true, tab: 'active', version: 4 });
    expect(ddb.commandCalls(GetCommand)).toHaveLength(2);
  });
});
