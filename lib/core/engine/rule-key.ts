import type { Protocol } from '../flowlog/record';
import type { RuleKind, RulePeer } from './model';

/**
 * The identity of a rule (docs/engine.md): what stays fixed while its ports or domains grow.
 * Fields are joined with a separator that validated names can never contain.
 */
export function ruleKey(kind: RuleKind, protocol: Protocol, peer: RulePeer, domainPort: number | null): string {
  switch (kind) {
    case 'Domains':
      return `Domains|${protocol}|${domainPort ?? ''}`;
    case 'Service':
      return `Service|${peer.name ?? ''}|${peer.namespace ?? ''}|${protocol}`;
    case 'Namespace':
      return `Namespace|${peer.name ?? ''}|${protocol}`;
    case 'NetworkSet':
      return `NetworkSet|${peer.global ? 'g' : 'n'}|${peer.name ?? ''}|${peer.namespace ?? ''}|${protocol}`;
    case 'Private':
    case 'Public':
      return `${kind}|${protocol}`;
  }
}
