import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ClusterTimeoutError, PushError } from '../../app/push/errors';
import type { ObjectRef, ObservedObject, ObservedStagedPolicy, PolicyPublisher } from '../../app/push/ports';
import { L_SCOPE } from '../../core/engine/annotations';
import { isManaged, stagedActionOf, tierOfObject, type RawObject } from '../kubernetes/list';
import { DirectoryTargetError, UnparsableTargetFileError } from './errors';
import { TIER_FILE, listNamespaceFiles, namespaceFile, readDocuments, removeFile, writeDocuments } from './files';
import { enforcedInFiles } from './enforced';

export interface DirectoryPublisherOptions {
  readonly timeoutMs: number;
}

interface Doc extends RawObject {
  readonly kind?: unknown;
}

/** Domain NetworkSet first: the policy that references it follows it, as in `recommend` output. */
const KIND_ORDER: Record<string, number> = { NetworkSet: 0, StagedNetworkPolicy: 1, NetworkPolicy: 1 };
const rank = (d: Doc) => (typeof d.kind === 'string' ? (KIND_ORDER[d.kind] ?? 2) : 2);
const sameObject = (d: Doc, kind: string, name: string) => d.kind === kind && d.metadata?.name === name;

/**
 * A folder as a target (local stack, GitOps): `<namespace>.yaml` holds the namespace's domain
 * NetworkSet and StagedNetworkPolicy, `_tier.yaml` the Tier. A folder has no cluster truth, so
 * namespaces and enforced policies read back as unknown (null). Our own objects (managed-by
 * label) are read back from the files, so a stagedAction edited in a file by hand is adopted like
 * one changed with kubectl, and files of recommendations that no longer exist are removed. A file
 * with YAML errors is never rewritten: writing to it fails that namespace only.
 */
export function createDirectoryPublisher(dir: string, options: DirectoryPublisherOptions): PolicyPublisher {
  const target = `directory ${dir}`;

  async function bounded<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ClusterTimeoutError(target, operation, options.timeoutMs)), options.timeoutMs);
    });
    try {
      return await Promise.race([fn(), expired]);
    } catch (err) {
      if (err instanceof PushError) throw err;
      throw new DirectoryTargetError(dir, operation, (err as NodeJS.ErrnoException).code ?? 'error');
    } finally {
      clearTimeout(timer);
    }
  }

  /** A namespace's documents, for rewriting: a file with YAML errors is refused, never rewritten. */
  async function docsToRewrite(namespace: string): Promise<Doc[]> {
    const file = namespaceFile(dir, namespace);
    const { docs, invalid } = await readDocuments(file);
    if (invalid.length > 0) throw new UnparsableTargetFileError(dir, `${namespace}.yaml`, namespace, invalid);
    return docs as Doc[];
  }

  /**
   * Our objects (managed-by label) in every file. A file with YAML errors is skipped here: its
   * objects are neither adopted from nor cleaned up, and writing to it is refused (see above).
   */
  async function ourDocs(): Promise<{ namespace: string; doc: Doc }[]> {
    const out: { namespace: string; doc: Doc }[] = [];
    for (const namespace of await listNamespaceFiles(dir)) {
      const { docs, invalid } = await readDocuments(namespaceFile(dir, namespace));
      if (invalid.length > 0) continue;
      for (const doc of docs as Doc[]) if (isManaged(doc)) out.push({ namespace, doc });
    }
    return out;
  }

  return {
    description: target,

    ensureTier: (tier) =>
      bounded('write the tier', async () => {
        await mkdir(dir, { recursive: true });
        await writeDocuments(join(dir, TIER_FILE), [tier]);
      }),

    apply: (manifest) =>
      bounded(`write ${manifest.kind} ${manifest.metadata.namespace}/${manifest.metadata.name}`, async () => {
        await mkdir(dir, { recursive: true });
        const file = namespaceFile(dir, manifest.metadata.namespace!);
        const docs = (await docsToRewrite(manifest.metadata.namespace!)).filter((d) => !sameObject(d, manifest.kind, manifest.metadata.name));
        docs.push(manifest as Doc);
        docs.sort((a, b) => rank(a) - rank(b));
        await writeDocuments(file, docs);
      }),

    delete: (ref: ObjectRef) =>
      bounded(`remove ${ref.kind} ${ref.namespace}/${ref.name}`, async () => {
        const file = namespaceFile(dir, ref.namespace);
        const docs = await docsToRewrite(ref.namespace);
        const kept = docs.filter((d) => !sameObject(d, ref.kind, ref.name));
        if (kept.length === docs.length) return false;
        if (kept.length === 0) await removeFile(file);
        else await writeDocuments(file, kept);
        return true;
      }),

    listNamespaces: async () => null,

    // An enforced recommendation's NetworkPolicy replaces its staged policy in the file; deleting
    // it from the file reruns learning, as deleting it from a cluster does.
    listEnforcedNamespaces: (tier) => bounded('read network policies', async () => enforcedInFiles(dir, tier)),

    listStagedPolicies: () =>
      bounded('read staged policies', async (): Promise<ObservedStagedPolicy[]> =>
        (await ourDocs())
          .filter(({ doc }) => doc.kind === 'StagedNetworkPolicy' && doc.metadata?.labels?.[L_SCOPE] === 'namespace')
          .filter(({ doc }) => typeof doc.metadata?.name === 'string')
          .map(({ namespace, doc }) => {
            const tier = tierOfObject(doc);
            return { namespace, name: doc.metadata!.name!, ...(tier === undefined ? {} : { tier }), stagedAction: stagedActionOf(doc) };
          }),
      ),

    listDomainSets: () =>
      bounded('read domain sets', async (): Promise<ObservedObject[]> =>
        (await ourDocs())
          .filter(({ doc }) => doc.kind === 'NetworkSet' && doc.metadata?.labels?.[L_SCOPE] === 'Domains' && typeof doc.metadata?.name === 'string')
          .map(({ namespace, doc }) => ({ namespace, name: doc.metadata!.name! })),
      ),
  };
}
