import { randomUUID } from 'node:crypto';
import { apiVersionOf, type ResourceType } from './resources';

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    managedFields?: { manager: string; operation: string }[];
  };
  [field: string]: unknown;
}

/** Objects in memory by type, namespace and name; every write bumps a global resourceVersion. */
export class ObjectStore {
  readonly #objects = new Map<string, KubeObject>();
  #resourceVersion = 1000;

  static key(type: ResourceType, namespace: string | undefined, name: string): string {
    return `${type.group}/${type.version}/${type.plural}/${type.namespaced ? (namespace ?? '') : ''}/${name}`;
  }

  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const obj = this.#objects.get(ObjectStore.key(type, namespace, name));
    return obj ? structuredClone(obj) : undefined;
  }

  list(type: ResourceType, namespace?: string): KubeObject[] {
    const prefix = `${type.group}/${type.version}/${type.plural}/${namespace === undefined ? '' : `${namespace}/`}`;
    return [...this.#objects.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, o]) => structuredClone(o));
  }

  /** Stores `obj` as the new state, keeping uid and creation time of a previous one. */
  write(type: ResourceType, obj: KubeObject): KubeObject {
    const namespace = type.namespaced ? obj.metadata.namespace : undefined;
    const key = ObjectStore.key(type, namespace, obj.metadata.name);
    const previous = this.#objects.get(key);
    const stored: KubeObject = {
      ...structuredClone(obj),
      apiVersion: apiVersionOf(type),
      kind: type.kind,
      metadata: {
        ...structuredClone(obj.metadata),
        ...(type.namespaced ? { namespace } : {}),
        uid: previous?.metadata.uid ?? randomUUID(),
        creationTimestamp: previous?.metadata.creationTimestamp ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        resourceVersion: String(++this.#resourceVersion),
      },
    };
    if (!type.namespaced) delete stored.metadata.namespace;
    this.#objects.set(key, stored);
    return structuredClone(stored);
  }

  remove(type: ResourceType, namespace: string | undefined, name: string): boolean {
    return this.#objects.delete(ObjectStore.key(type, namespace, name));
  }

  /** Deleting a namespace deletes what lives in it, as the namespace controller does. */
  removeNamespaced(namespace: string): void {
    for (const [key, obj] of this.#objects) if (obj.metadata.namespace === namespace) this.#objects.delete(key);
  }

  get resourceVersion(): string {
    return String(this.#resourceVersion);
  }
}
