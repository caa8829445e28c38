import { execFile } from 'node:child_process';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { privateServiceDir, SERVERLESS_BIN } from '../support/offline';

type Resource = { Type: string; Condition?: string; Properties: Record<string, unknown> };
interface Template {
  Resources: Record<string, Resource>;
  Conditions?: Record<string, unknown>;
  Outputs?: Record<string, unknown>;
}

/** A value planted in the deploying shell: it must reach neither the template nor any function environment. */
const PLANTED_SECRET = 'planted-hs256-secret-0123456789abcdef0123456789';
const KMS_KEY = 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555';
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:oncall';

/** Runs `serverless package` in a private copy of the service; returns the template and the artefact folder's files. */
async function packageService(params: Record<string, string> = {}): Promise<{ template: Template; files: string[]; out: string; dir: string }> {
  const dir = await privateServiceDir();
  const paramArgs = Object.entries(params).map(([k, v]) => `--param=${k}=${v}`);
  // A failed esbuild build can hang `serverless package`: the timeout turns that into a failure.
  await promisify(execFile)(process.execPath, [SERVERLESS_BIN, 'package', '--stage', 'ci', ...paramArgs], {
    cwd: dir,
    timeout: 240_000,
    env: { ...process.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: 'none', SLS_TELEMETRY_DISABLED: '1', AUTH_HS256_SECRET: PLANTED_SECRET },
  });
  const out = join(dir, '.serverless');
  const template = JSON.parse(await readFile(join(out, 'cloudformation-template-update-stack.json'), 'utf8')) as Template;
  return { template, files: await readdir(out), out, dir };
}

const ofType = (t: Template, type: string) => Object.entries(t.Resources).filter(([, r]) => r.Type === type);
/** Statements of a role's inline policies, with `Fn::If` branches kept as they are. */
const statements = (t: Template, role: string) =>
  (t.Resources[role]!.Properties.Policies as { PolicyDocument: { Statement: unknown[] } }[]).flatMap((p) => p.PolicyDocument.Statement);
/** The statement a condition guards, and the condition's own definition. */
function guarded(t: Template, role: string, condition: string): { statement: Record<string, unknown>; definition: unknown } | undefined {
  const hit = statements(t, role).find((s) => Array.isArray((s as { 'Fn::If'?: unknown[] })['Fn::If']) && (s as { 'Fn::If': unknown[] })['Fn::If'][0] === condition) as
    { 'Fn::If': [string, Record<string, unknown>, unknown] } | undefined;
  return hit && { statement: hit['Fn::If'][1], definition: t.Conditions?.[condition] };
}
const notEmpty = (value: string) => ({ 'Fn::Not': [{ 'Fn::Equals': [value, ''] }] });

describe('deployable artefacts', () => {
  it('serverless package builds one bundle per function and the CloudFormation template, without AWS credentials', async () => {
    const { template, files, out, dir } = await packageService();
    try {
      for (const fn of ['indexFlowLogs', 'processFlows', 'pushPolicies', 'api']) {
        expect(files).toContain(`${fn}.zip`);
        expect((await stat(join(out, `${fn}.zip`))).size).toBeGreaterThan(10_000);
      }
      const resources = template.Resources;
      expect(resources.RecommenderTable?.Type).toBe('AWS::DynamoDB::Table');
      const roles = ofType(template, 'AWS::IAM::Role').map(([, r]) => r);
      expect(roles.length).toBeGreaterThanOrEqual(4);
      // Least privilege: no wildcard actions in any of our roles.
      expect(JSON.stringify(roles)).not.toMatch(/"Action":\s*"\*"|"[a-z0-9]+:\*"/);

      // Fan-out: each job function is capped by reserved concurrency, Lambda does not retry a failed
      // job (the next tick does, with backoff), and events it cannot run go to the dead-letter queue.
      const lambdas = Object.fromEntries(ofType(template, 'AWS::Lambda::Function').map(([name, r]) => [name, r.Properties]));
      expect(lambdas.ProcessFlowsLambdaFunction).toMatchObject({ ReservedConcurrentExecutions: 10 });
      expect(lambdas.PushPoliciesLambdaFunction).toMatchObject({ ReservedConcurrentExecutions: 10 });
      const invokeConfigs = ofType(template, 'AWS::Lambda::EventInvokeConfig').map(([, r]) => r.Properties);
      expect(invokeConfigs).toHaveLength(2);
      for (const config of invokeConfigs) {
        expect(config).toMatchObject({ MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 900 });
        expect(JSON.stringify(config.DestinationConfig)).toContain('JobsDeadLetterQueue');
      }
      expect(resources.JobsDeadLetterQueue?.Type).toBe('AWS::SQS::Queue');
      expect(resources.JobsDeadLetterAlarm?.Type).toBe('AWS::CloudWatch::Alarm');
      expect(resources.DeadJobsAlarm?.Type).toBe('AWS::CloudWatch::Alarm');
      // A function may invoke only itself.
      for (const [role, fn] of [
        ['ProcessFlowsRole', 'processFlows'],
        ['PushPoliciesRole', 'pushPolicies'],
      ] as const) {
        const invoke = statements(template, role).filter((s) => JSON.stringify(s).includes('lambda:InvokeFunction'));
        expect(invoke).toHaveLength(1);
        expect(JSON.stringify(invoke[0])).toContain(`-ci-${fn}`);
      }
      expect(JSON.stringify(statements(template, 'ApiRole'))).not.toMatch(/lambda:|secretsmanager:GetSecretValue"[^}]*secretsPrefix/);

      // New objects arrive through an EventBridge rule on the existing bucket, filtered by key.
      const rules = ofType(template, 'AWS::Events::Rule').map(([, r]) => r.Properties as { EventPattern?: Record<string, unknown>; Targets: { Arn: unknown }[] });
      const objectCreated = rules.find((r) => (r.EventPattern?.source as string[] | undefined)?.includes('aws.s3'));
      expect(objectCreated?.EventPattern).toEqual({
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: { bucket: { name: ['policy-recommender-flow-logs'] }, object: { key: [{ wildcard: '*flows*' }] } },
      });
      expect(objectCreated?.Targets[0]?.Arn).toEqual({ 'Fn::GetAtt': ['IndexFlowLogsLambdaFunction', 'Arn'] });
      // The bucket's notification configuration is never touched: no flow-log bucket, no custom resource, no notification.
      expect(ofType(template, 'AWS::S3::Bucket').map(([name]) => name)).toEqual(['ServerlessDeploymentBucket']);
      expect(Object.values(resources).filter((r) => r.Type.startsWith('Custom::'))).toEqual([]);
      expect(JSON.stringify(template)).not.toMatch(/NotificationConfiguration|LambdaConfigurations/);

      // No secret in the template or any environment; the api knows the secret's name only.
      expect(JSON.stringify(template)).not.toContain(PLANTED_SECRET);
      for (const [, fn] of ofType(template, 'AWS::Lambda::Function')) {
        const vars = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
        expect(Object.keys(vars)).not.toContain('AUTH_HS256_SECRET');
      }
      expect((resources.ApiLambdaFunction!.Properties.Environment as { Variables: Record<string, unknown> }).Variables).toHaveProperty('AUTH_HS256_SECRET_NAME', '');

      // Optional grants stay behind conditions that are false by default.
      for (const [role, condition, action] of [
        ['ProcessFlowsRole', 'HasFlowLogKmsKey', 'kms:Decrypt'],
        ['PushPoliciesRole', 'HasEksClusters', 'eks:DescribeCluster'],
        ['PushPoliciesRole', 'HasEksRoles', 'sts:AssumeRole'],
        ['ApiRole', 'HasHs256Secret', 'secretsmanager:GetSecretValue'],
      ] as const) {
        const g = guarded(template, role, condition);
        expect(g?.statement.Action, `${role} ${condition}`).toEqual([action]);
        expect(g?.definition).toEqual(notEmpty(''));
      }
      expect(JSON.stringify(statements(template, 'ProcessFlowsRole').filter((s) => !Object.hasOwn(s as object, 'Fn::If')))).not.toContain('kms:');

      // Alarms on the service's metrics, notifying the topic created here when none is given.
      const alarms = Object.fromEntries(ofType(template, 'AWS::CloudWatch::Alarm'));
      expect(alarms.PushFailuresAlarm?.Properties).toMatchObject({ Namespace: 'PolicyRecommender', MetricName: 'PushFailed' });
      expect(alarms.ProcessingLagAlarm?.Properties).toMatchObject({ Namespace: 'PolicyRecommender', MetricName: 'ObjectsPending' });
      expect(alarms.PushFailuresAlarm?.Properties.AlarmActions).toEqual([{ 'Fn::If': ['HasAlarmTopic', '', { Ref: 'AlarmTopic' }] }]);
      expect(resources.AlarmTopic).toMatchObject({ Type: 'AWS::SNS::Topic', Condition: 'CreateAlarmTopic' });
      expect(template.Conditions?.CreateAlarmTopic).toEqual({ 'Fn::Equals': ['', ''] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('deployment parameters switch on KMS, EKS, the HS256 secret and an existing alarm topic', async () => {
    const { template, dir } = await packageService({
      flowLogKmsKeyArn: KMS_KEY,
      eksClusterArns: 'arn:aws:eks:eu-west-1:123456789012:cluster/prod-*',
      eksAssumeRoleArns: 'arn:aws:iam::123456789012:role/recommender-eks-*',
      authHs256SecretName: 'policy-recommender/jwt',
      alarmTopicArn: TOPIC,
      flowLogKeyPattern: 'calico/*/flows*',
    });
    try {
      const kms = guarded(template, 'ProcessFlowsRole', 'HasFlowLogKmsKey');
      expect(kms?.definition).toEqual(notEmpty(KMS_KEY));
      expect(kms?.statement).toMatchObject({ Action: ['kms:Decrypt'], Resource: KMS_KEY });
      expect(guarded(template, 'PushPoliciesRole', 'HasEksClusters')?.statement.Resource).toEqual({ 'Fn::Split': [',', 'arn:aws:eks:eu-west-1:123456789012:cluster/prod-*'] });
      expect(guarded(template, 'PushPoliciesRole', 'HasEksRoles')?.statement.Resource).toEqual({ 'Fn::Split': [',', 'arn:aws:iam::123456789012:role/recommender-eks-*'] });
      const env = (template.Resources.ApiLambdaFunction!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env.AUTH_HS256_SECRET_NAME).toBe('policy-recommender/jwt');
      expect(JSON.stringify(template)).not.toContain(PLANTED_SECRET);
      expect(template.Conditions?.HasAlarmTopic).toEqual(notEmpty(TOPIC));
      expect(template.Resources.PushFailuresAlarm?.Properties.AlarmActions).toEqual([{ 'Fn::If': ['HasAlarmTopic', TOPIC, { Ref: 'AlarmTopic' }] }]);
      expect(JSON.stringify(template)).toContain('"wildcard":"calico/*/flows*"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
