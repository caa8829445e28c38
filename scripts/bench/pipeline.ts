import { recommendOnce } from '../../lib/app/recommend-once';
import { toYamlStream } from '../../lib/core/yaml';
import { openSource } from '../../lib/cli/sources';
import { resolveScope } from '../../lib/core/scope';
import type { RunStats } from '../../lib/core/stats';
import { WINDOW_START } from './records';

export interface PipelineOutcome {
  readonly stats: RunStats;
  readonly objects: number;
  readonly recommendations: number;
  readonly yamlBytes: number;
  /** Records that reached a namespace aggregate (before scope): comparable to the peer's count. */
  readonly recordsAggregated: number;
}

/**
 * What processFlows does for one cluster, minus AWS: the CLI's own path (`recommend <dir>`):
 * list the files, stream-read, parse, filter, aggregate (in `workers` threads), fold into
 * recommendations, render, and print the YAML stream (kept in memory, not written).
 */
export async function runPipeline(dir: string, workers: number): Promise<PipelineOutcome> {
  const source = await openSource(dir);
  // Staged verdicts are counted as processing counts them (docs/impact-and-enforce.md).
  const result = await recommendOnce({ source, scope: resolveScope({}), clusterDomain: 'cluster.local', now: WINDOW_START + 86_400, workers, impact: true });
  const yaml = toYamlStream([result.tier, ...result.namespaces.flatMap((n) => n.manifests)]);
  const s = result.stats;
  return {
    stats: s,
    objects: result.objects,
    recommendations: result.namespaces.length,
    yamlBytes: Buffer.byteLength(yaml),
    recordsAggregated: s.recordsUsed + (s.skipped.outOfScope ?? 0) + (s.skipped.notLearning ?? 0) + (s.skipped.queued ?? 0),
  };
}
