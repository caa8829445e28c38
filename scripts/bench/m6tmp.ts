import { recommendOnce } from '../../lib/app/recommend-once';
import { toYamlStream } from '../../lib/cli/format';
import { openSource } from '../../lib/cli/sources';
import { resolveScope } from '../../lib/core/scope';
import { WINDOW_START } from './records';
async function main() {
  const t0 = performance.now();
  const source = await openSource('.bench/data-v3-1000000');
  const result = await recommendOnce({ source, scope: resolveScope({}), clusterDomain: 'cluster.local', now: WINDOW_START + 86_400, workers: 2 });
  const t1 = performance.now();
  const yaml = toYamlStream([result.tier, ...result.namespaces.flatMap((n) => n.manifests)]);
  const t2 = performance.now();
  console.log('recommendOnce', (t1 - t0).toFixed(0), 'ms; yaml', (t2 - t1).toFixed(0), 'ms', yaml.length);
}

import { stringify } from 'yaml';
async function main2() {
  const source = await openSource('.bench/data-v3-100000');
  const result = await recommendOnce({ source, scope: resolveScope({}), clusterDomain: 'cluster.local', now: WINDOW_START + 86_400, workers: 0 });
  const docs = [result.tier, ...result.namespaces.flatMap((n) => n.manifests)];
  for (const opts of [{ lineWidth: 0, minContentWidth: 0 }, { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false }]) {
    let best = Infinity; let out = '';
    for (let r = 0; r < 5; r++) { const t0 = performance.now(); out = docs.map((d) => stringify(d, opts)).join('---\n'); best = Math.min(best, performance.now() - t0); }
    console.log(JSON.stringify(opts), best.toFixed(0), 'ms', out.length, /[&*]a\d/.test(out));
  }
}

import * as jsyaml from 'js-yaml';
async function main3() {
  const source = await openSource('.bench/data-v3-100000');
  const result = await recommendOnce({ source, scope: resolveScope({}), clusterDomain: 'cluster.local', now: WINDOW_START + 86_400, workers: 0 });
  const docs = [result.tier, ...result.namespaces.flatMap((n) => n.manifests)];
  let best = Infinity; let out = ''; let out2 = '';
  for (let r = 0; r < 5; r++) { const t0 = performance.now(); out = docs.map((d) => jsyaml.dump(d, { lineWidth: -1, noRefs: true, schema: jsyaml.CORE_SCHEMA })).join('---\n'); best = Math.min(best, performance.now() - t0); }
  console.log('js-yaml', best.toFixed(0), 'ms', out.length);
  best = Infinity;
  for (let r = 0; r < 5; r++) { const t0 = performance.now(); out2 = docs.map((d) => stringify(d, { lineWidth: 0, minContentWidth: 0 })).join('---\n'); best = Math.min(best, performance.now() - t0); }
  console.log('yaml', best.toFixed(0), 'ms', out2.length, out === out2);
  const a = out.split('\n'), b = out2.split('\n'); let shown = 0;
  for (let i = 0; i < a.length && shown < 8; i++) if (a[i] !== b[i]) { console.log('js-yaml:', a[i], '| yaml:', b[i]); shown++; }
}

async function main4() {
  const source = await openSource('.bench/data-v3-100000');
  const result = await recommendOnce({ source, scope: resolveScope({}), clusterDomain: 'cluster.local', now: WINDOW_START + 86_400, workers: 0 });
  const docs = [result.tier, ...result.namespaces.flatMap((n) => n.manifests)];
  const a = docs.map((d) => jsyaml.dump(d, { lineWidth: -1, noRefs: true, schema: jsyaml.CORE_SCHEMA })).join('---\n').split('\n');
  const b = docs.map((d) => stringify(d, { lineWidth: 0, minContentWidth: 0 })).join('---\n').split('\n');
  console.log(a.length, b.length);
  const kinds = new Map<string, number>();
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) { const k = (b[i] ?? '').replace(/[\w.-]+$/, '').trim().slice(0, 60); kinds.set(k, (kinds.get(k) ?? 0) + 1); if (kinds.get(k) === 1) console.log('js-yaml:', a[i], '| yaml:', b[i]); }
  console.log(kinds);
}
main4();
