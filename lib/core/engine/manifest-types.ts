/** The projectcalico.org/v3 shapes the engine renders (only the fields it writes). */
export interface EntityRule {
  nets?: string[];
  selector?: string;
  namespaceSelector?: string;
  ports?: number[];
  domains?: string[];
  services?: { name: string; namespace: string };
}

export interface CalicoRule {
  action: 'Allow' | 'Pass';
  protocol: string | number;
  source?: EntityRule;
  destination?: EntityRule;
  metadata: { annotations: Record<string, string> };
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface StagedNetworkPolicy {
  apiVersion: 'projectcalico.org/v3';
  kind: 'StagedNetworkPolicy';
  metadata: ObjectMeta;
  spec: {
    tier: string;
    stagedAction: 'Learn' | 'Set' | 'Ignore';
    selector: string;
    types: ('Egress' | 'Ingress')[];
    egress?: CalicoRule[];
    ingress?: CalicoRule[];
  };
}

/** The enforced form of a StagedNetworkPolicy (same spec without stagedAction). */
export interface NetworkPolicy {
  apiVersion: 'projectcalico.org/v3';
  kind: 'NetworkPolicy';
  metadata: ObjectMeta;
  spec: Omit<StagedNetworkPolicy['spec'], 'stagedAction'>;
}

export interface NetworkSet {
  apiVersion: 'projectcalico.org/v3';
  kind: 'NetworkSet';
  metadata: ObjectMeta;
  spec: { allowedEgressDomains: string[] };
}

export interface Tier {
  apiVersion: 'projectcalico.org/v3';
  kind: 'Tier';
  metadata: ObjectMeta;
  spec: { order: number };
}

export type Manifest = StagedNetworkPolicy | NetworkSet | Tier | NetworkPolicy;
