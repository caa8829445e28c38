/**
 * A flow-log record after parsing and validation: only the fields the engine uses, already typed,
 * enum-checked and name-checked. Everything the reader could not trust is rejected before this, or,
 * for a field only some classifications use, dropped and marked in `dropped`.
 */
export type EndpointType = 'wep' | 'hep' | 'ns' | 'net';
export type Reporter = 'src' | 'dst' | 'fwd' | 'src,fwd' | 'dst,fwd';
export type FlowAction = 'allow' | 'deny';

/** Calico v3 protocol names; other protocols are written as their decimal number ("47"). */
export type Protocol = 'TCP' | 'UDP' | 'ICMP' | 'ICMPv6' | 'SCTP' | 'UDPLite' | `${number}`;

export type PolicyHitAction = 'allow' | 'deny' | 'pass';

export interface PolicyHit {
  readonly index: number;
  readonly tier: string;
  readonly name: string;
  readonly action: PolicyHitAction;
  /** Staged (not enforced) policy: legacy `staged:` in the name, or a modern kind starting with `s`. */
  readonly staged: boolean;
  /** Profile: tier `__PROFILE__` or modern `pro:` kind. */
  readonly profile: boolean;
  /**
   * Present (true) only on staged hits with rule index `-1`: no rule of the staged policy matched
   * and the tier's default action decided (docs/impact-and-enforce.md).
   */
  readonly endOfTier?: true;
}

export interface PolicyTrace {
  readonly all?: readonly PolicyHit[];
  readonly enforced?: readonly PolicyHit[];
  readonly pending?: readonly PolicyHit[];
}

export interface FlowRecord {
  readonly startTime: number | null;
  readonly endTime: number | null;
  readonly action: FlowAction | null;
  readonly reporter: Reporter | null;
  readonly sourceType: EndpointType | null;
  /** Null for non-namespaced endpoints (`-` or empty in the log). Valid DNS-1123 label otherwise. */
  readonly sourceNamespace: string | null;
  readonly sourceNameAggr: string | null;
  readonly destType: EndpointType | null;
  readonly destNamespace: string | null;
  readonly destNameAggr: string | null;
  readonly destPort: number | null;
  readonly protocol: Protocol | null;
  /** Null when `-`/absent. */
  readonly destServiceName: string | null;
  readonly destServiceNamespace: string | null;
  /** Lower-cased, validated DNS names; empty when none. */
  readonly destDomains: readonly string[];
  /** Null when the record carries no policy information at all. */
  readonly policies: PolicyTrace | null;
  readonly numFlows: number;
  readonly bytesIn: number;
  readonly bytesOut: number;
  /**
   * Fields that held an invalid value and were dropped (bits of DROPPED in dropped-fields.ts);
   * 0 for almost every record. Classification rejects the record if it needs one of them.
   */
  readonly dropped: number;
}

/** Why the reader refused a line. Stable strings: they appear in statistics and the API. */
export type RejectReason =
  | 'notJson'
  | 'wrongType'
  | 'unknownEnum'
  | 'invalidName'
  /** `dest_port` 0 on TCP, UDP or SCTP: Calico accepts no port 0 in a rule. */
  | 'portZero'
  /** `proto` 0: Calico accepts protocol numbers 1..255 only. */
  | 'protocolZero'
  | 'badPolicyTrace'
  | 'lineTooLong'
  | 'badFraming'
  | 'truncatedGzip';
