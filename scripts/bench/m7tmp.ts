import { recommendOnce } from '../../lib/app/recommend-once';
import { toYamlStream } from '../../lib/cli/format';
import { openSource } from '../../lib/cli/sources';
import { resolveScope } from '../../lib/core/scope';
import { WINDOW_START } from './records';
async function main() {
  console.error('start', performance.now().toFixed(0));
  const source = await openSource('.bench/data-v3-1000000');
  const result = await recommendOnce({ source, scope: resolveScope({}), clusterDomain: 'cluster.local', now: WINDOW_START + 86_400, workers: 2 });
  console.error('recommendOnce', performance.now().toFixed(0));
  const yaml = toYamlStream([result.tier, ...result.namespaces.flatMap((n) => n.manifests)]);
  console.error('yaml', performance.now().toFixed(0), yaml.length);
}
main();
