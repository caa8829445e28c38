import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { AppError } from '../../app/errors';
import type { JobInvoker } from '../../app/jobs/marker';
import type { AwsConfig } from '../../config/aws';
import type { JobsConfig } from '../../config/jobs';

export class JobInvokeError extends AppError {
  override readonly name = 'JobInvokeError';
}

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * Asynchronous invocation (`InvocationType: Event`) of the function itself, one per cluster job.
 * Lambda queues the event, honours the function's reserved concurrency (the deployment's cap)
 * and sends an event that cannot be delivered to the on-failure destination (a dead-letter queue).
 */
export function lambdaJobInvoker(aws: AwsConfig, jobs: JobsConfig): JobInvoker {
  const client = new LambdaClient({
    region: aws.region,
    ...(jobs.lambdaEndpoint ? { endpoint: jobs.lambdaEndpoint, credentials: LOCAL_CREDENTIALS } : {}),
  });
  return {
    async invoke(kind, request) {
      const out = await client.send(
        new InvokeCommand({ FunctionName: jobs.functionName, InvocationType: 'Event', Payload: new TextEncoder().encode(JSON.stringify({ job: request })) }),
      );
      if (out.StatusCode !== 202) throw new JobInvokeError(`the ${kind} job for cluster ${request.cluster} was not accepted (status ${out.StatusCode})`);
    },
  };
}
