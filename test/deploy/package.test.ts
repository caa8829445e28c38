import { execFile } from 'node:child_process';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { privateServiceDir, SERVERLESS_BIN } from '../support/offline';

describe('deployable artefacts', () => {
  it('serverless package builds one bundle per function and the CloudFormation template, without AWS credentials', async () => {
    const dir = await privateServiceDir();
    try {
      // A failed esbuild build can hang `serverless package`: the timeout turns that into a failure.
      await promisify(execFile)(process.execPath, [SERVERLESS_BIN, 'package', '--stage', 'ci'], {
        cwd: dir,
        timeout: 240_000,
        env: { ...process.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: 'none', SLS_TELEMETRY_DISABLED: '1' },
      });
      const out = join(dir, '.serverless');
      const files = await readdir(out);
      for (const fn of ['indexFlowLogs', 'processFlows', 'pushPolicies', 'api']) {
        expect(files).toContain(`${fn}.zip`);
        expect((await stat(join(out, `${fn}.zip`))).size).toBeGreaterThan(10_000);
      }
      const template = JSON.parse(await readFile(join(out, 'cloudformation-template-update-stack.json'), 'utf8'));
      const resources = template.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
      expect(resources.RecommenderTable?.Type).toBe('AWS::DynamoDB::Table');
      const roles = Object.values(resources).filter((r) => r.Type === 'AWS::IAM::Role');
      expect(roles.length).toBeGreaterThanOrEqual(4);
      // Least privilege: no wildcard actions in any of our roles.
      expect(JSON.stringify(roles)).not.toMatch(/"Action":\s*"\*"|"[a-z0-9]+:\*"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
