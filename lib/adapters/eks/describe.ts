import { DescribeClusterCommand, type EKSClient } from '@aws-sdk/client-eks';
import { EksAccessError, awsErrorName } from './errors';

export interface EksEndpoint {
  /** https://…eks.amazonaws.com */
  readonly server: string;
  /** Base64 PEM of the cluster's certificate authority. */
  readonly caData: string;
}

/** The API server endpoint and CA of an EKS cluster (eks:DescribeCluster). */
export async function describeEksCluster(client: EKSClient, clusterName: string): Promise<EksEndpoint> {
  let out;
  try {
    out = await client.send(new DescribeClusterCommand({ name: clusterName }));
  } catch (err) {
    throw new EksAccessError(clusterName, 'DescribeCluster', awsErrorName(err));
  }
  const server = out.cluster?.endpoint;
  const caData = out.cluster?.certificateAuthority?.data;
  if (typeof server !== 'string' || !server.startsWith('https://') || typeof caData !== 'string' || caData === '') {
    throw new EksAccessError(clusterName, 'DescribeCluster', `cluster is ${out.cluster?.status ?? 'not ready'}: no endpoint or certificate authority yet`);
  }
  return { server, caData };
}
