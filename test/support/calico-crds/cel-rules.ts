/**
 * The CEL rules (`x-kubernetes-validations`) of the stored Calico CRDs, as JavaScript predicates.
 * The API server evaluates them after the schema; Ajv cannot. Keyed by the rule text with its
 * whitespace collapsed: a CRD update that adds or changes a rule fails the schema tests until the
 * rule is translated here, so no rule is skipped silently.
 */
type Value = Record<string, unknown>;

const has = (o: unknown, key: string): boolean => typeof o === 'object' && o !== null && (o as Value)[key] !== undefined;
const get = (o: unknown, key: string): unknown => (has(o, key) ? (o as Value)[key] : undefined);
const size = (v: unknown): number => (typeof v === 'string' || Array.isArray(v) ? v.length : Object.keys(v as Value).length);
const noneOrEmpty = (o: unknown, key: string): boolean => !has(o, key) || size(get(o, key)) === 0;
const isIcmp = (p: unknown): boolean => p === 'ICMP' || p === 1;
const isIcmp6 = (p: unknown): boolean => p === 'ICMPv6' || p === 58;
const tier = (self: unknown) => ({ name: get(get(self, 'metadata'), 'name'), spec: get(self, 'spec') });

export const CEL_RULES: Readonly<Record<string, (self: unknown) => boolean>> = {
  "!has(self.selector) || !self.selector.contains('global(')": (s) => !has(s, 'selector') || !(get(s, 'selector') as string).includes('global('),
  "!has(self.serviceAccountSelector) || !self.serviceAccountSelector.contains('global(')": (s) =>
    !has(s, 'serviceAccountSelector') || !(get(s, 'serviceAccountSelector') as string).includes('global('),
  "!has(self.http) || !has(self.protocol) || self.protocol == 'TCP' || self.protocol == 6": (s) =>
    !has(s, 'http') || !has(s, 'protocol') || get(s, 'protocol') === 'TCP' || get(s, 'protocol') === 6,
  "self.action == 'Allow' || !has(self.http)": (s) => get(s, 'action') === 'Allow' || !has(s, 'http'),
  '!has(self.destination) || !has(self.destination.services) || (!has(self.destination.ports) || size(self.destination.ports) == 0) && (!has(self.destination.notPorts) || size(self.destination.notPorts) == 0)':
    (s) => {
      const d = get(s, 'destination');
      return !has(s, 'destination') || !has(d, 'services') || (noneOrEmpty(d, 'ports') && noneOrEmpty(d, 'notPorts'));
    },
  "!has(self.icmp) || (has(self.protocol) && (self.protocol == 'ICMP' || self.protocol == 'ICMPv6' || self.protocol == 1 || self.protocol == 58))": (s) =>
    !has(s, 'icmp') || (has(s, 'protocol') && (isIcmp(get(s, 'protocol')) || isIcmp6(get(s, 'protocol')))),
  "(!has(self.protocol) || (self.protocol != 'ICMP' && self.protocol != 1)) || !has(self.ipVersion) || self.ipVersion == 4": (s) =>
    !has(s, 'protocol') || !isIcmp(get(s, 'protocol')) || !has(s, 'ipVersion') || get(s, 'ipVersion') === 4,
  "(!has(self.protocol) || (self.protocol != 'ICMPv6' && self.protocol != 58)) || !has(self.ipVersion) || self.ipVersion == 6": (s) =>
    !has(s, 'protocol') || !isIcmp6(get(s, 'protocol')) || !has(s, 'ipVersion') || get(s, 'ipVersion') === 6,
  "(!has(self.notProtocol) || (self.notProtocol != 'ICMP' && self.notProtocol != 1)) || !has(self.ipVersion) || self.ipVersion == 4": (s) =>
    !has(s, 'notProtocol') || !isIcmp(get(s, 'notProtocol')) || !has(s, 'ipVersion') || get(s, 'ipVersion') === 4,
  "(!has(self.notProtocol) || (self.notProtocol != 'ICMPv6' && self.notProtocol != 58)) || !has(self.ipVersion) || self.ipVersion == 6": (s) =>
    !has(s, 'notProtocol') || !isIcmp6(get(s, 'notProtocol')) || !has(s, 'ipVersion') || get(s, 'ipVersion') === 6,
  '!has(self.services) || !has(self.namespaceSelector) || size(self.namespaceSelector) == 0': (s) => !has(s, 'services') || noneOrEmpty(s, 'namespaceSelector'),
  '!has(self.services) || !has(self.serviceAccounts)': (s) => !has(s, 'services') || !has(s, 'serviceAccounts'),
  '!has(self.services) || size(self.services.name) > 0': (s) => !has(s, 'services') || size(get(get(s, 'services'), 'name') ?? '') > 0,
  '!has(self.services) || (!has(self.selector) || size(self.selector) == 0) && (!has(self.notSelector) || size(self.notSelector) == 0)': (s) =>
    !has(s, 'services') || (noneOrEmpty(s, 'selector') && noneOrEmpty(s, 'notSelector')),
  '!has(self.services) || (!has(self.nets) || size(self.nets) == 0) && (!has(self.notNets) || size(self.notNets) == 0)': (s) =>
    !has(s, 'services') || (noneOrEmpty(s, 'nets') && noneOrEmpty(s, 'notNets')),
  '!has(self.code) || has(self.type)': (s) => !has(s, 'code') || has(s, 'type'),
  "self.metadata.name == 'kube-admin' ? (has(self.spec.defaultAction) && self.spec.defaultAction == 'Pass') : true": (s) =>
    tier(s).name !== 'kube-admin' || get(tier(s).spec, 'defaultAction') === 'Pass',
  "self.metadata.name == 'kube-baseline' ? (has(self.spec.defaultAction) && self.spec.defaultAction == 'Pass') : true": (s) =>
    tier(s).name !== 'kube-baseline' || get(tier(s).spec, 'defaultAction') === 'Pass',
  "self.metadata.name == 'default' ? (has(self.spec.defaultAction) && self.spec.defaultAction == 'Deny') : true": (s) =>
    tier(s).name !== 'default' || get(tier(s).spec, 'defaultAction') === 'Deny',
  "self.metadata.name != 'default' || (has(self.spec.order) && self.spec.order == 1000000.0)": (s) => tier(s).name !== 'default' || get(tier(s).spec, 'order') === 1000000,
  "self.metadata.name != 'kube-admin' || (has(self.spec.order) && self.spec.order == 1000.0)": (s) => tier(s).name !== 'kube-admin' || get(tier(s).spec, 'order') === 1000,
  "self.metadata.name != 'kube-baseline' || (has(self.spec.order) && self.spec.order == 10000000.0)": (s) =>
    tier(s).name !== 'kube-baseline' || get(tier(s).spec, 'order') === 10000000,
};

export const celKey = (rule: string): string => rule.replace(/\s+/g, ' ').trim();
