import type { FlowRecord, PolicyHit } from '../../lib/core/flowlog/record';

/** A profile-allowed hit: the record is unprotected. */
export const PROFILE_ALLOW: PolicyHit = { index: 0, tier: '__PROFILE__', name: '__PROFILE__.kns.x', action: 'allow', staged: false, profile: true };

/** A FlowRecord with neutral defaults (allow, unprotected, TCP); override what the test is about. */
export function flow(overrides: Partial<FlowRecord>): FlowRecord {
  return {
    startTime: 1_788_264_000,
    endTime: 1_788_264_300,
    action: 'allow',
    reporter: 'src',
    sourceType: 'wep',
    sourceNamespace: null,
    sourceNameAggr: null,
    destType: 'net',
    destNamespace: null,
    destNameAggr: 'pub',
    destPort: null,
    protocol: 'TCP',
    destServiceName: null,
    destServiceNamespace: null,
    destDomains: [],
    policies: { all: [PROFILE_ALLOW] },
    numFlows: 1,
    bytesIn: 10,
    bytesOut: 20,
    dropped: 0,
    ...overrides,
  };
}

export const egressFrom = (ns: string, pod: string, o: Partial<FlowRecord>): FlowRecord =>
  flow({ reporter: 'src', sourceType: 'wep', sourceNamespace: ns, sourceNameAggr: pod, ...o });

export const ingressTo = (ns: string, pod: string, o: Partial<FlowRecord>): FlowRecord => flow({ reporter: 'dst', destType: 'wep', destNamespace: ns, destNameAggr: pod, ...o });
