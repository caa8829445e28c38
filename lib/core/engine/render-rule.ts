import { equalsSelectorText } from '../selector';
import { shortenLikeCalicoLabel } from '../names';
import { A_LAST_UPDATED, A_NAME, A_NAMESPACE, A_SCOPE, A_WARNINGS, KIND_LABEL, NAME_LABEL, L_SCOPE } from './annotations';
import type { CalicoRule, EntityRule } from './manifest-types';
import { PORT_PROTOCOLS, type Direction, type Rule } from './model';
import type { Protocol } from '../flowlog/record';

export const PRIVATE_NETS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

/** Calico's CRD allows at most 50 ports in one entity rule (`ports.maxItems`, enforced since 3.33). */
export const MAX_PORTS_PER_RULE = 50;

/**
 * Sorted ports in runs of at most MAX_PORTS_PER_RULE, in port order: a rule key with more ports
 * renders as several Calico rules that differ only in their ports. Always at least one run.
 */
export function portRuns(ports: readonly number[]): number[][] {
  const runs: number[][] = [];
  for (let i = 0; i < ports.length; i += MAX_PORTS_PER_RULE) runs.push(ports.slice(i, i + MAX_PORTS_PER_RULE));
  return runs.length > 0 ? runs : [[]];
}

export interface RuleContext {
  readonly namespace: string;
  readonly direction: Direction;
  readonly intraNamespacePass: boolean;
}

/** Calico accepts a protocol as a name or a number; numbers are written as numbers. */
function protocolValue(protocol: Protocol): string | number {
  return /^\d+$/.test(protocol) ? Number(protocol) : protocol;
}

function sortedAnnotations(entries: Record<string, string>): Record<string, string> {
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(entries).sort()) sorted[key] = entries[key] as string;
  return sorted;
}

/** Whether the rule's peer is the policy's own namespace (candidates for `Pass`). */
function isIntraNamespace(rule: Rule, namespace: string): boolean {
  if (rule.kind === 'Namespace') return rule.peer.name === namespace;
  if (rule.kind === 'NetworkSet' || rule.kind === 'Service') return !rule.peer.global && rule.peer.namespace === namespace;
  return false;
}

/** One stored rule as Calico v3 rules: one per run of ports (see `portRuns`). */
export function renderRule(rule: Rule, ctx: RuleContext): CalicoRule[] {
  const peer: EntityRule = {};
  const annotations: Record<string, string> = { [A_LAST_UPDATED]: rule.lastUpdated, [A_SCOPE]: rule.kind };
  switch (rule.kind) {
    case 'Domains':
      break;
    case 'Service':
      annotations[A_NAME] = rule.peer.name!;
      annotations[A_NAMESPACE] = rule.peer.namespace!;
      break;
    case 'Namespace':
      peer.namespaceSelector = equalsSelectorText(NAME_LABEL, rule.peer.name!, "'");
      annotations[A_NAMESPACE] = rule.peer.name!;
      annotations[A_WARNINGS] = 'NonServicePortsAndProtocol';
      break;
    case 'NetworkSet':
      peer.selector = `${equalsSelectorText(NAME_LABEL, shortenLikeCalicoLabel(rule.peer.name!), "'")} && ${equalsSelectorText(KIND_LABEL, 'NetworkSet', "'")}`;
      peer.namespaceSelector = rule.peer.global ? 'global()' : equalsSelectorText(NAME_LABEL, rule.peer.namespace!, "'");
      annotations[A_NAME] = rule.peer.name!;
      if (!rule.peer.global) annotations[A_NAMESPACE] = rule.peer.namespace!;
      break;
    case 'Private':
      peer.nets = [...PRIVATE_NETS];
      break;
    case 'Public':
      break;
  }
  // Calico rejects ports beside a service match ("cannot specify ports with a service selector"):
  // the service's own ports apply. The learned ports stay in the state and the evidence.
  const ports = PORT_PROTOCOLS.has(rule.protocol) && rule.kind !== 'Service' ? rule.ports : [];
  const action = ctx.intraNamespacePass && isIntraNamespace(rule, ctx.namespace) ? 'Pass' : 'Allow';
  return portRuns(ports).map((run) => {
    const destination: EntityRule = ctx.direction === 'egress' ? { ...peer } : {};
    if (run.length > 0) destination.ports = run;
    if (rule.kind === 'Domains') destination.domains = [...rule.domains];
    if (rule.kind === 'Service') destination.services = { name: rule.peer.name!, namespace: rule.peer.namespace! };
    return assemble(action, rule.protocol, ctx.direction === 'ingress' ? { ...peer } : undefined, destination, annotations);
  });
}

/** The DomainSet rules that replace contracted Domains rules of one protocol: one per run of ports. */
export function renderDomainSetRule(protocol: Protocol, ports: readonly number[], lastUpdated: string): CalicoRule[] {
  return portRuns(PORT_PROTOCOLS.has(protocol) ? ports : []).map((run) => {
    const destination: EntityRule = { selector: equalsSelectorText(L_SCOPE, 'Domains', "'") };
    if (run.length > 0) destination.ports = run;
    return assemble('Allow', protocol, undefined, destination, { [A_LAST_UPDATED]: lastUpdated, [A_SCOPE]: 'DomainSet' });
  });
}

function assemble(action: CalicoRule['action'], protocol: Protocol, source: EntityRule | undefined, destination: EntityRule, annotations: Record<string, string>): CalicoRule {
  // Key order is fixed here so YAML output is byte-identical for the same state.
  const rule = { action, protocol: protocolValue(protocol) } as CalicoRule;
  if (source && Object.keys(source).length > 0) rule.source = source;
  if (Object.keys(destination).length > 0) rule.destination = destination;
  rule.metadata = { annotations: sortedAnnotations(annotations) };
  return rule;
}
