import type { FlowRecord } from '../flowlog/record';

/**
 * The peer of a flow in the words the board uses for rule peers (the kinds of rule peers): a workload
 * as `<namespace>/<pod prefix>`, a network set as `networkset <ns>/<name>` (`globalnetworkset
 * <name>`), `private`, a domain, `service <ns>/<name>`, `public`; `host <name>` and `unknown`
 * for peers no rule covers.
 */
export function peerLabel(record: FlowRecord, egress: boolean): string {
  const type = egress ? record.destType : record.sourceType;
  const namespace = egress ? record.destNamespace : record.sourceNamespace;
  const name = egress ? record.destNameAggr : record.sourceNameAggr;
  switch (type) {
    case 'wep':
      return namespace === null ? (name ?? 'unknown') : name === null ? namespace : `${namespace}/${name}`;
    case 'ns':
      return namespace === null ? `globalnetworkset ${name ?? ''}` : `networkset ${namespace}/${name ?? ''}`;
    case 'hep':
      return `host ${name ?? ''}`;
    case 'net':
      if (name === 'pvt') return 'private';
      if (egress && record.destDomains.length > 0) return record.destDomains[0] as string;
      if (egress && record.destServiceName !== null && record.destServiceNamespace !== null) return `service ${record.destServiceNamespace}/${record.destServiceName}`;
      return 'public';
    default:
      return 'unknown';
  }
}
