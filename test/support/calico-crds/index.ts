import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import { parse as load } from 'yaml';
import { parseSelector } from '../../../lib/core/selector';
import { celKey, CEL_RULES } from './cel-rules';

/**
 * What a Calico API server would say about one of our manifests: the openAPIV3Schema of the
 * stored CRD (test/fixtures/calico-crds, see its README), its CEL rules (cel-rules.ts), and the
 * checks Calico's validator and Kubernetes make beyond the schema on what we emit (names, labels,
 * annotations, selectors, ports only with port protocols, domains only on egress Allow rules).
 * Returns the problems found; [] means accepted.
 */
const dir = fileURLToPath(new URL('../../fixtures/calico-crds/', import.meta.url));

export const CRD_FILES = {
  Tier: 'projectcalico.org_tiers.yaml',
  StagedNetworkPolicy: 'projectcalico.org_stagednetworkpolicies.yaml',
  NetworkPolicy: 'projectcalico.org_networkpolicies.yaml',
  NetworkSet: 'projectcalico.org_networksets.yaml',
} as const;
export type CrdKind = keyof typeof CRD_FILES;

interface Crd {
  spec: { names: { kind: string }; versions: { name: string; schema: { openAPIV3Schema: object } }[] };
}

function schemaOf(kind: CrdKind): object {
  const crd = load(readFileSync(dir + CRD_FILES[kind], 'utf8')) as Crd;
  if (crd.spec.names.kind !== kind) throw new Error(`${CRD_FILES[kind]} defines ${crd.spec.names.kind}, not ${kind}`);
  const v3 = crd.spec.versions.find((v) => v.name === 'v3');
  if (!v3) throw new Error(`${CRD_FILES[kind]} has no v3 version`);
  return v3.schema.openAPIV3Schema;
}

/** Ajv with the Kubernetes schema extensions: list types checked, CEL rules run, the rest inert. */
function kubernetesAjv(): Ajv {
  // Formats (int32, date-time, …) are the API server's business for fields we never write.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, useDefaults: true });
  ajv.addKeyword({ keyword: 'x-kubernetes-int-or-string' });
  ajv.addKeyword({ keyword: 'x-kubernetes-list-map-keys' });
  ajv.addKeyword({ keyword: 'x-kubernetes-preserve-unknown-fields' });
  ajv.addKeyword({ keyword: 'x-kubernetes-map-type' });
  ajv.addKeyword({
    keyword: 'x-kubernetes-list-type',
    // `set`: the API server refuses duplicate items.
    validate: (type: string, data: unknown) => type !== 'set' || !Array.isArray(data) || new Set(data.map((d) => JSON.stringify(d))).size === data.length,
    errors: false,
  });
  ajv.addKeyword({
    keyword: 'x-kubernetes-validations',
    compile: (rules: { rule: string }[]) => {
      const predicates = rules.map((r) => {
        const p = CEL_RULES[celKey(r.rule)];
        if (!p) throw new Error(`CEL rule not translated in cel-rules.ts: ${celKey(r.rule)}`);
        return p;
      });
      return (data: unknown) => predicates.every((p) => p(data));
    },
    errors: false,
  });
  return ajv;
}

const ajv = kubernetesAjv();
const validators = new Map<CrdKind, ValidateFunction>();

function validatorOf(kind: CrdKind): ValidateFunction {
  let v = validators.get(kind);
  if (!v) {
    v = ajv.compile(schemaOf(kind));
    validators.set(kind, v);
  }
  return v;
}

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
// Calico's validator: `<label>[.<label>]`, or Kubernetes/OpenStack policies.
const POLICY_NAME =
  /^(([a-z0-9]([-a-z0-9]*[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)?|((?:knp|ossg)\.default\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*))$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$|^[0-9a-f:]+\/\d{1,3}$/;
const PORT_PROTOCOLS = new Set(['TCP', 'UDP', 'SCTP', 6, 17, 132]);
const MAX_ANNOTATIONS_BYTES = 256 * 1024;

function keyProblems(key: string, where: string): string[] {
  const slash = key.lastIndexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  const out: string[] = [];
  if (prefix !== undefined && (prefix.length > 253 || !SUBDOMAIN.test(prefix))) out.push(`${where}: key prefix ${prefix}`);
  if (name.length > 63 || !QUALIFIED_NAME.test(name)) out.push(`${where}: key name ${name}`);
  return out;
}

function metadataProblems(kind: CrdKind, m: Record<string, unknown>, tier: string | undefined): string[] {
  const out: string[] = [];
  const name = typeof m.name === 'string' ? m.name : '';
  if (name.length === 0 || name.length > 253 || !SUBDOMAIN.test(name)) out.push(`metadata.name ${name}`);
  if (kind === 'Tier' && (name.length > 63 || !LABEL.test(name))) out.push(`tier name ${name}`);
  if (kind.endsWith('NetworkPolicy')) {
    if (!POLICY_NAME.test(name)) out.push(`policy name ${name}`);
    // Calico 3.30 and 3.31: "Incorrectly formatted policy name" without the tier prefix.
    if (tier !== undefined && tier !== 'default' && !name.startsWith(`${tier}.`)) out.push(`policy name ${name} lacks the prefix ${tier}.`);
  }
  if (m.namespace !== undefined && (typeof m.namespace !== 'string' || !LABEL.test(m.namespace))) out.push(`metadata.namespace ${JSON.stringify(m.namespace)}`);
  for (const [k, v] of Object.entries((m.labels ?? {}) as Record<string, string>)) {
    out.push(...keyProblems(k, 'label'));
    if (v.length > 63 || !LABEL_VALUE.test(v)) out.push(`label ${k} value ${v}`);
  }
  out.push(...annotationProblems((m.annotations ?? {}) as Record<string, string>, 'annotation'));
  return out;
}

function annotationProblems(annotations: Record<string, string>, where: string): string[] {
  const out = Object.keys(annotations).flatMap((k) => keyProblems(k, where));
  const bytes = Object.entries(annotations).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  if (bytes > MAX_ANNOTATIONS_BYTES) out.push(`${where}s: ${bytes} bytes`);
  return out;
}

function selectorProblems(text: unknown, where: string): string[] {
  if (text === undefined) return [];
  try {
    parseSelector(typeof text === 'string' ? text : JSON.stringify(text));
    return [];
  } catch (err) {
    return [`${where}: ${(err as Error).message}`];
  }
}

type Rule = Record<string, unknown> & {
  action?: string;
  protocol?: string | number;
  source?: Record<string, unknown>;
  destination?: Record<string, unknown>;
  metadata?: { annotations?: Record<string, string> };
};

function ruleProblems(rule: Rule, direction: 'egress' | 'ingress', where: string): string[] {
  const out: string[] = [];
  for (const side of ['source', 'destination'] as const) {
    const e = rule[side];
    if (!e) continue;
    out.push(...selectorProblems(e.selector, `${where}.${side}.selector`), ...selectorProblems(e.namespaceSelector, `${where}.${side}.namespaceSelector`));
    for (const net of (e.nets ?? []) as string[]) if (!CIDR.test(net)) out.push(`${where}.${side}.nets ${net}`);
    if (e.ports !== undefined && !PORT_PROTOCOLS.has(rule.protocol as string)) out.push(`${where}.${side}.ports without a port protocol`);
    for (const p of (e.ports ?? []) as number[]) if (typeof p === 'number' && (p < 1 || p > 65535)) out.push(`${where}.${side}.ports ${p}`);
  }
  if (rule.source?.domains !== undefined) out.push(`${where}: domains in a source`);
  if (rule.destination?.domains !== undefined && (direction !== 'egress' || rule.action !== 'Allow')) out.push(`${where}: domains only on egress Allow rules`);
  if (typeof rule.protocol === 'number' && (rule.protocol < 1 || rule.protocol > 255)) out.push(`${where}.protocol ${rule.protocol}`);
  out.push(...annotationProblems(rule.metadata?.annotations ?? {}, `${where}.metadata.annotation`));
  return out;
}

function policyProblems(spec: Record<string, unknown>): string[] {
  const out = selectorProblems(spec.selector, 'spec.selector');
  const present = (['Egress', 'Ingress'] as const).filter((t) => ((spec[t.toLowerCase()] ?? []) as unknown[]).length > 0);
  if (JSON.stringify(spec.types) !== JSON.stringify(present)) out.push(`spec.types ${JSON.stringify(spec.types)} for directions ${JSON.stringify(present)}`);
  for (const direction of ['egress', 'ingress'] as const) {
    ((spec[direction] ?? []) as Rule[]).forEach((r, i) => out.push(...ruleProblems(r, direction, `spec.${direction}[${i}]`)));
  }
  return out;
}

/** Problems the API server would report for `manifest` as a `kind` (defaults to its own kind). */
export function calicoProblems(manifest: unknown, kind: CrdKind = (manifest as { kind: CrdKind }).kind): string[] {
  const doc = structuredClone(manifest) as { metadata: Record<string, unknown>; spec: Record<string, unknown> };
  const validate = validatorOf(kind);
  const out: string[] = [];
  if (!validate(doc))
    out.push(...(validate.errors ?? []).map((e) => `schema ${e.instancePath || '/'} ${e.message ?? e.keyword}${e.keyword.startsWith('x-') ? ` (${e.keyword})` : ''}`));
  out.push(...metadataProblems(kind, doc.metadata, kind.endsWith('NetworkPolicy') ? (doc.spec?.tier as string | undefined) : undefined));
  if (kind.endsWith('NetworkPolicy')) out.push(...policyProblems(doc.spec));
  return out;
}

/** A StagedNetworkPolicy as the NetworkPolicy it becomes when enforced (spec minus stagedAction). */
export function asNetworkPolicy(staged: { metadata: object; spec: object }): object {
  const { stagedAction: _, ...spec } = staged.spec as Record<string, unknown>;
  return { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: staged.metadata, spec };
}
