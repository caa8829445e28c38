import { inTier, type RawObject } from '../kubernetes/list';
import { listNamespaceFiles, namespaceFile, readDocuments } from './files';

/**
 * Namespaces whose file holds a NetworkPolicy in `tier`: the directory target's answer to "which
 * recommendations are enforced". Null (unknown) while any file has YAML errors: a broken file
 * must not look like a deleted NetworkPolicy, which would rerun learning from nothing.
 */
export async function enforcedInFiles(dir: string, tier: string): Promise<Set<string> | null> {
  const out = new Set<string>();
  for (const namespace of await listNamespaceFiles(dir)) {
    const { docs, invalid } = await readDocuments(namespaceFile(dir, namespace));
    if (invalid.length > 0) return null;
    if ((docs as (RawObject & { kind?: unknown })[]).some((d) => d.kind === 'NetworkPolicy' && inTier(d, tier))) out.add(namespace);
  }
  return out;
}
