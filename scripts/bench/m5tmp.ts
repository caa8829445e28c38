import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { framePayload } from '../../lib/core/flowlog/frame-line';
import { PayloadParser } from '../../lib/core/flowlog/scan-record';
import type { FlowRecord } from '../../lib/core/flowlog/record';
import { addRecord, emptyAggregate } from '../../lib/core/engine/aggregate';
import { emptyStats } from '../../lib/core/stats';
function files(dir: string): string[] { return readdirSync(dir).flatMap((n) => { const p = join(dir, n); return statSync(p).isDirectory() ? files(p) : n.endsWith('.gz') ? [p] : []; }); }
const texts = files('.bench/data-v3-100000').map((f) => gunzipSync(readFileSync(f)));
const parser = new PayloadParser(); const records: FlowRecord[] = [];
for (const t of texts) { let s = 0; for (;;) { const nl = t.indexOf(10, s); if (nl < 0) break; const r = parser.parse(t, framePayload(t, s, nl), nl); s = nl + 1; if (r.ok) records.push(r.record); } }
const options = { clusterDomain: 'cluster.local' };
let best = Infinity;
const agg = emptyAggregate(emptyStats()); for (let r = 0; r < 15; r++) { const t0 = performance.now(); for (const rec of records) addRecord(agg, rec, options); best = Math.min(best, performance.now() - t0); }
console.log('addRecord', (best * 1000 / records.length).toFixed(3), 'µs/record');
