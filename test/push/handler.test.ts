import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StateStore } from '../../lib/app/store';
import { dynamoConfig, freshStore } from '../support/aws';
import { rec, registerCluster } from './fixtures';

const context = { awsRequestId: 'req-1', getRemainingTimeInMillis: () => 290_000 } as unknown as Context;

describe('pushPolicies handler (composition root)', () => {
  let dir: string;
  let store: StateStore;
  beforeAll(async () => {
    const fresh = await freshStore();
    store = fresh.store;
    dir = await mkdtemp(join(tmpdir(), 'pr-handler-'));
    // Read on first invocation, as in a Lambda container.
    process.env.TABLE_NAME = fresh.table;
    process.env.DYNAMODB_ENDPOINT = dynamoConfig().endpoint;
    process.env.AWS_REGION = 'us-east-1';
    process.env.JOB_FUNCTION_NAME = 'policy-recommender-test-pushPolicies';
    // A directory target is a local-stack target; deployed functions refuse it.
    process.env.LOCAL_STACK = 'true';
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('pushes the named cluster on a forced manual invocation and reports per-cluster outcomes', async () => {
    await registerCluster(store, 'local', { directory: dir });
    await store.putRecommendation('local', rec('shop'), null);
    const { handler } = await import('../../functions/pushPolicies');

    const out = await handler({ clusters: ['local', 'ghost'], force: true }, context);

    if (!('results' in out)) throw new Error('a manual invocation answers with results');
    expect(out.results.map((r) => [r.cluster, r.outcome])).toEqual([
      ['ghost', 'not-found'],
      ['local', 'pushed'],
    ]);
    expect((await readdir(dir)).sort()).toEqual(['_tier.yaml', 'shop.yaml']);
  });

  it('refuses a malformed manual event instead of pushing every cluster', async () => {
    const { handler } = await import('../../functions/pushPolicies');
    await expect(handler({ cluster: 'local' }, context)).rejects.toThrow(/unknown field\(s\) cluster/);
  });
});
