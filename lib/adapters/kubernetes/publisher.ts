import { ApiException, PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import type { ObjectRef, ObservedObject, ObservedStagedPolicy, PolicyPublisher } from '../../app/push/ports';
import type { NamespaceInfo } from '../../app/store';
import { L_TIER } from '../../core/engine/annotations';
import type { NetworkPolicy, NetworkSet, StagedNetworkPolicy, Tier } from '../../core/engine';
import { createKubeClients } from './client';
import { withDeadline } from './deadline';
import { translateKubeError, type CallContext } from './errors';
import type { LoadedKubeconfig } from './kubeconfig';
import { inTier, isManaged, listAll, stagedActionOf, tierOfObject, type RawObject } from './list';
import { CALICO_GROUP, CALICO_VERSION, DOMAIN_SET_SELECTOR, FIELD_MANAGER, PAGE_SIZE, PLURALS, STAGED_POLICY_SELECTOR } from './resources';

export interface KubernetesPublisherOptions {
  /** Used in messages: `cluster <id>`. */
  readonly clusterId: string;
  readonly timeoutMs: number;
}

/** Replaces any credential value that might have slipped into a message (defence in depth). */
function scrub(err: Error, secrets: readonly string[]): Error {
  for (const s of secrets) if (s.length >= 8 && err.message.includes(s)) err.message = err.message.split(s).join('[redacted]');
  return err;
}

/** The policy publisher for a real cluster, through @kubernetes/client-node. */
export function createKubernetesPublisher(loaded: LoadedKubeconfig, options: KubernetesPublisherOptions): PolicyPublisher {
  const target = `cluster ${options.clusterId}`;
  const { core, custom, objects } = createKubeClients(loaded);

  async function call<T>(ctx: Omit<CallContext, 'target'>, fn: () => Promise<T>): Promise<T> {
    const full: CallContext = { ...ctx, target };
    try {
      return await withDeadline(target, ctx.operation, options.timeoutMs, async () => {
        try {
          return await fn();
        } catch (err) {
          throw translateKubeError(err, full);
        }
      });
    } catch (err) {
      throw scrub(err as Error, loaded.secrets);
    }
  }

  async function serverSideApply(manifest: Tier | StagedNetworkPolicy | NetworkSet | NetworkPolicy): Promise<void> {
    const { kind, metadata } = manifest;
    await call(
      { operation: `apply ${kind} ${metadata.namespace ? `${metadata.namespace}/` : ''}${metadata.name}`, object: { kind, namespace: metadata.namespace, name: metadata.name } },
      async () => {
        // A copy: the client fills defaults into the object it is given, and manifests are shared.
        const body = structuredClone(manifest) as KubernetesObject;
        await objects.patch(body, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
      },
    );
  }

  const listCalico = (plural: string, labelSelector: string) =>
    listAll((token) => custom.listClusterCustomObject({ group: CALICO_GROUP, version: CALICO_VERSION, plural, labelSelector, limit: PAGE_SIZE, _continue: token }));

  const named = (o: RawObject): o is RawObject & { metadata: { name: string; namespace: string } } =>
    typeof o.metadata?.name === 'string' && typeof o.metadata?.namespace === 'string';

  return {
    description: target,

    ensureTier: (tier) => serverSideApply(tier),

    apply: (manifest) => serverSideApply(manifest),

    delete: (ref: ObjectRef) =>
      call({ operation: `delete ${ref.kind} ${ref.namespace}/${ref.name}` }, async () => {
        try {
          await custom.deleteNamespacedCustomObject({ group: CALICO_GROUP, version: CALICO_VERSION, namespace: ref.namespace, plural: PLURALS[ref.kind], name: ref.name });
          return true;
        } catch (err) {
          if (err instanceof ApiException && err.code === 404) return false; // already gone
          throw err;
        }
      }),

    listNamespaces: () =>
      call({ operation: 'list namespaces' }, async (): Promise<NamespaceInfo[]> => {
        const items = await listAll((token) => core.listNamespace({ limit: PAGE_SIZE, _continue: token }));
        return items.filter((o) => typeof o.metadata?.name === 'string').map((o) => ({ name: o.metadata!.name!, labels: { ...(o.metadata?.labels ?? {}) } }));
      }),

    listEnforcedNamespaces: (tier) =>
      call({ operation: 'list networkpolicies' }, async () => {
        const items = await listCalico(PLURALS.NetworkPolicy, `${L_TIER}=${tier}`);
        return new Set(
          items
            .filter(named)
            .filter((o) => inTier(o, tier))
            .map((o) => o.metadata.namespace),
        );
      }),

    // The selector asks the server for ours; the check on the answer keeps a server (or proxy)
    // that ignores selectors from making us delete what we never created.
    listStagedPolicies: () =>
      call({ operation: 'list stagednetworkpolicies' }, async (): Promise<ObservedStagedPolicy[]> => {
        const items = await listCalico(PLURALS.StagedNetworkPolicy, STAGED_POLICY_SELECTOR);
        return items
          .filter(named)
          .filter(isManaged)
          .map((o) => {
            const tier = tierOfObject(o);
            return { namespace: o.metadata.namespace, name: o.metadata.name, ...(tier === undefined ? {} : { tier }), stagedAction: stagedActionOf(o) };
          });
      }),

    listDomainSets: () =>
      call({ operation: 'list networksets' }, async (): Promise<ObservedObject[]> => {
        const items = await listCalico(PLURALS.NetworkSet, DOMAIN_SET_SELECTOR);
        return items
          .filter(named)
          .filter(isManaged)
          .map((o) => ({ namespace: o.metadata.namespace, name: o.metadata.name }));
      }),
  };
}
