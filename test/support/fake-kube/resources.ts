/** The resource types the fake API server serves, with what discovery reports about them. */
export interface ResourceType {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly kind: string;
  readonly namespaced: boolean;
  /** Custom resources refuse strategic merge patches (415), like the real server. */
  readonly custom: boolean;
}

export const RESOURCE_TYPES: readonly ResourceType[] = [
  { group: '', version: 'v1', plural: 'namespaces', kind: 'Namespace', namespaced: false, custom: false },
  { group: 'projectcalico.org', version: 'v3', plural: 'tiers', kind: 'Tier', namespaced: false, custom: true },
  { group: 'projectcalico.org', version: 'v3', plural: 'stagednetworkpolicies', kind: 'StagedNetworkPolicy', namespaced: true, custom: true },
  { group: 'projectcalico.org', version: 'v3', plural: 'networksets', kind: 'NetworkSet', namespaced: true, custom: true },
  { group: 'projectcalico.org', version: 'v3', plural: 'networkpolicies', kind: 'NetworkPolicy', namespaced: true, custom: true },
];

export const apiVersionOf = (t: ResourceType) => (t.group ? `${t.group}/${t.version}` : t.version);

export function findType(group: string, version: string, plural: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((t) => t.group === group && t.version === version && t.plural === plural);
}

export function typeByPlural(plural: string): ResourceType {
  const t = RESOURCE_TYPES.find((r) => r.plural === plural);
  if (!t) throw new Error(`fake-kube: unknown resource ${plural}`);
  return t;
}

/** GET /api/v1 or /apis/<group>/<version>: what KubernetesObjectApi asks before a write. */
export function discovery(group: string, version: string): object | undefined {
  const types = RESOURCE_TYPES.filter((t) => t.group === group && t.version === version);
  if (types.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: types.map((t) => ({
      name: t.plural,
      singularName: t.kind.toLowerCase(),
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    })),
  };
}
