import { parse as parseYaml } from 'yaml';
import { parseLabelSelector } from './label-selector';
import { type ObjectStore, type KubeObject } from './object-store';
import { apiVersionOf, typeByPlural, type ResourceType } from './resources';
import { ok, statusReply, type Reply } from './status';

export interface ResourceRequest {
  readonly method: string;
  readonly type: ResourceType;
  readonly namespace?: string;
  readonly name?: string;
  readonly query: URLSearchParams;
  readonly contentType: string;
  readonly body: string;
}

const describe = (t: ResourceType, name: string) => `${t.plural}${t.group ? `.${t.group}` : ''} "${name}"`;

function parseBody(text: string, yaml: boolean): unknown {
  return yaml ? parseYaml(text) : JSON.parse(text);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** RFC 7386 JSON merge patch. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** The REST semantics of one resource request against the store. */
export function handleResource(store: ObjectStore, req: ResourceRequest): Reply {
  const { type, namespace, name, method } = req;
  const namespaceMissing = () => type.namespaced && namespace !== undefined && !store.get(typeByPlural('namespaces'), undefined, namespace);

  if (method === 'GET' && name === undefined) {
    const matches = parseLabelSelector(req.query.get('labelSelector'));
    const all = store.list(type, type.namespaced ? namespace : undefined).filter((o) => matches(o.metadata.labels ?? {}));
    const limit = Number(req.query.get('limit') ?? 0);
    const start = Number(req.query.get('continue') ?? 0);
    const items = limit > 0 ? all.slice(start, start + limit) : all.slice(start);
    const next = limit > 0 && start + limit < all.length ? String(start + limit) : undefined;
    return ok({ apiVersion: apiVersionOf(type), kind: `${type.kind}List`, metadata: { resourceVersion: store.resourceVersion, ...(next ? { continue: next } : {}) }, items });
  }
  if (method === 'GET') {
    const obj = store.get(type, namespace, name!);
    return obj ? ok(obj) : statusReply(404, `${describe(type, name!)} not found`);
  }
  if (method === 'DELETE') {
    if (!store.remove(type, namespace, name!)) return statusReply(404, `${describe(type, name!)} not found`);
    if (type.plural === 'namespaces') store.removeNamespaced(name!);
    return statusReply(200, `${describe(type, name!)} deleted`, 'Success');
  }
  let body: unknown;
  try {
    body = parseBody(req.body, req.contentType.includes('yaml'));
  } catch {
    return statusReply(400, 'the request body could not be decoded');
  }
  if (method === 'POST') {
    if (!isObject(body) || !isObject(body.metadata) || typeof body.metadata.name !== 'string') return statusReply(400, 'metadata.name is required');
    const obj = { ...body, metadata: { ...body.metadata, ...(type.namespaced ? { namespace } : {}) } } as KubeObject;
    if (namespaceMissing()) return statusReply(404, `namespaces "${namespace}" not found`);
    if (store.get(type, namespace, obj.metadata.name)) return statusReply(409, `${describe(type, obj.metadata.name)} already exists`, 'AlreadyExists');
    return ok(store.write(type, { ...obj, metadata: { ...obj.metadata, managedFields: [{ manager: req.query.get('fieldManager') ?? 'unknown', operation: 'Update' }] } }), 201);
  }
  if (method === 'PUT') {
    const existing = store.get(type, namespace, name!);
    if (!existing) return statusReply(404, `${describe(type, name!)} not found`);
    if (!isObject(body) || !isObject(body.metadata)) return statusReply(400, 'metadata is required');
    const rv = body.metadata.resourceVersion;
    if (rv !== undefined && rv !== existing.metadata.resourceVersion) {
      return statusReply(
        409,
        `Operation cannot be fulfilled on ${describe(type, name!)}: the object has been modified; please apply your changes to the latest version and try again`,
      );
    }
    return ok(store.write(type, { ...(body as KubeObject), metadata: { ...(body as KubeObject).metadata, name: name!, namespace } }));
  }
  if (method === 'PATCH') return handlePatch(store, req, body, namespaceMissing());
  return statusReply(405, `method ${method} not allowed`);
}

function handlePatch(store: ObjectStore, req: ResourceRequest, body: unknown, namespaceMissing: boolean): Reply {
  const { type, namespace, name } = req;
  const existing = store.get(type, namespace, name!);
  const ct = req.contentType.split(';')[0]!.trim();
  if (ct === 'application/apply-patch+yaml') {
    const manager = req.query.get('fieldManager');
    if (!manager) return statusReply(400, 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
    if (!isObject(body) || !isObject(body.metadata)) return statusReply(400, 'metadata is required');
    if (body.apiVersion !== apiVersionOf(type) || body.kind !== type.kind) return statusReply(400, `the body's apiVersion/kind does not match ${apiVersionOf(type)} ${type.kind}`);
    if (body.metadata.name !== name) return statusReply(400, 'the name of the object does not match the name on the URL');
    if (namespaceMissing) return statusReply(404, `namespaces "${namespace}" not found`);
    const others = (existing?.metadata.managedFields ?? []).filter((m) => m.manager !== manager && m.operation === 'Update');
    if (others.length > 0 && req.query.get('force') !== 'true') return statusReply(409, `Apply failed with conflicts with "${others[0]!.manager}"`);
    const applied = body as KubeObject;
    // Simplification of server-side apply: our fields replace, labels/annotations of others stay.
    const meta = applied.metadata;
    const merged: KubeObject = {
      ...applied,
      metadata: {
        ...meta,
        labels: { ...(existing?.metadata.labels ?? {}), ...(meta.labels ?? {}) },
        annotations: { ...(existing?.metadata.annotations ?? {}), ...(meta.annotations ?? {}) },
        managedFields: [{ manager, operation: 'Apply' }],
      },
    };
    return ok(store.write(type, merged), existing ? 200 : 201);
  }
  if (ct === 'application/strategic-merge-patch+json' && type.custom) {
    return statusReply(
      415,
      `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
    );
  }
  if (ct === 'application/merge-patch+json' || ct === 'application/strategic-merge-patch+json') {
    if (!existing) return statusReply(404, `${describe(type, name!)} not found`);
    const manager = req.query.get('fieldManager') ?? 'kubectl-patch';
    const patched = mergePatch(existing, body) as KubeObject;
    return ok(store.write(type, { ...patched, metadata: { ...patched.metadata, managedFields: [...(existing.metadata.managedFields ?? []), { manager, operation: 'Update' }] } }));
  }
  if (ct === 'application/json-patch+json') {
    return statusReply(Array.isArray(body) ? 422 : 400, 'json patches are not supported by the fake API server');
  }
  return statusReply(415, `unsupported media type ${ct}`);
}
