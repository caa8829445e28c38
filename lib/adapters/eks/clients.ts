import { EKSClient } from '@aws-sdk/client-eks';
import { STSClient } from '@aws-sdk/client-sts';

/** One client per region and service, built on first use and kept for the container's life. */
export function regionalClients(): { eks: (region: string) => EKSClient; sts: (region: string) => STSClient } {
  const eks = new Map<string, EKSClient>();
  const sts = new Map<string, STSClient>();
  return {
    eks(region) {
      let c = eks.get(region);
      if (!c) eks.set(region, (c = new EKSClient({ region })));
      return c;
    },
    sts(region) {
      let c = sts.get(region);
      if (!c) sts.set(region, (c = new STSClient({ region })));
      return c;
    },
  };
}
