import type { FakeKubeServer } from './server';
import type { KubeObject } from './object-store';
import { typeByPlural } from './resources';

export { FakeKubeServer, startFakeKube, type Fault, type RecordedRequest } from './server';
export { kubeconfigYaml, type KubeconfigAuth } from './kubeconfig';
export type { KubeObject } from './object-store';

/** Direct access to the fake's objects, bypassing HTTP (what kubectl or a controller would do). */
export function addNamespace(fake: FakeKubeServer, name: string, labels: Record<string, string> = {}): void {
  fake.objects.write(typeByPlural('namespaces'), { metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } } });
}

export function deleteNamespace(fake: FakeKubeServer, name: string): void {
  fake.objects.remove(typeByPlural('namespaces'), undefined, name);
  fake.objects.removeNamespaced(name);
}

export function getObject(fake: FakeKubeServer, plural: string, namespace: string | undefined, name: string): KubeObject | undefined {
  return fake.objects.get(typeByPlural(plural), namespace, name);
}

export function listObjects(fake: FakeKubeServer, plural: string, namespace?: string): KubeObject[] {
  return fake.objects.list(typeByPlural(plural), namespace);
}

export function putObject(fake: FakeKubeServer, plural: string, obj: KubeObject): KubeObject {
  return fake.objects.write(typeByPlural(plural), obj);
}

export function removeObject(fake: FakeKubeServer, plural: string, namespace: string | undefined, name: string): boolean {
  return fake.objects.remove(typeByPlural(plural), namespace, name);
}
