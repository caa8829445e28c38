import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { addRecord, emptyAggregate } from '../../lib/core/engine';
import { classifyInto, newObservationScratch } from '../../lib/core/engine/classify';
import { framePayload } from '../../lib/core/flowlog/frame-line';
import type { FlowRecord } from '../../lib/core/flowlog/record';
import { JsonScanner, KeySet } from '../../lib/core/flowlog/json-scan';
import { PayloadParser, RECORD_FIELDS } from '../../lib/core/flowlog/scan-record';
import { WasmScanner } from '../../lib/core/flowlog/wasm-scanner';
import { emptyStats } from '../../lib/core/stats';

/**
 * Single-threaded per-stage costs on in-memory text (not part of `npm run bench`):
 * `npx tsx scripts/bench/micro.ts [dir]` (default: the 100,000-record data set, generate it
 * with `npm run bench -- --records 100000` first) prints µs/record, best of 5, for framing + scan,
 * + field decoding, + classification and aggregation, and classification/aggregation alone on
 * already parsed records. Gunzip is left out (it is the bench's floor).
 */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : n.endsWith('.gz') ? [p] : [];
  });
}

const dir = process.argv[2] ?? '.bench/data-v3-100000';
const texts = files(dir).map((f) => gunzipSync(readFileSync(f)));
const lines: [Buffer, number, number][] = [];
for (const t of texts) {
  let s = 0;
  for (;;) {
    const nl = t.indexOf(10, s);
    if (nl < 0) break;
    lines.push([t, s, nl]);
    s = nl + 1;
  }
}
const n = lines.length;
const FIELDS = [...RECORD_FIELDS];
const scanner = new JsonScanner(new KeySet(FIELDS));
const parser = new PayloadParser();
const options = { clusterDomain: 'cluster.local' };

function time(label: string, body: () => number): void {
  let best = Infinity;
  let check = 0;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    check = body();
    best = Math.min(best, performance.now() - t0);
  }
  console.log(`${label.padEnd(28)} ${((best * 1000) / n).toFixed(2)} µs/record  (${check})`);
}

console.log(`${n} lines`);
const wasm = new WasmScanner(FIELDS);
time('frame + scan (JavaScript)', () => {
  let ok = 0;
  for (const [b, s, e] of lines) if (scanner.scan(b, framePayload(b, s, e), e) === 0) ok++;
  return ok;
});
time('frame + scan (WebAssembly)', () => {
  let ok = 0;
  for (const [b, s, e] of lines) if (wasm.scan(b, framePayload(b, s, e), e) === 0) ok++;
  return ok;
});
time('frame + scan + parse', () => {
  let ok = 0;
  for (const [b, s, e] of lines) if (parser.parse(b, framePayload(b, s, e), e).ok) ok++;
  return ok;
});
time('… + classify + aggregate', () => {
  const agg = emptyAggregate(emptyStats());
  let ok = 0;
  for (const [b, s, e] of lines) {
    const r = parser.parse(b, framePayload(b, s, e), e);
    if (r.ok) {
      ok++;
      addRecord(agg, r.record, options);
    }
  }
  return ok;
});
{
  const records: FlowRecord[] = [];
  for (const [b, s, e] of lines) {
    const r = parser.parse(b, framePayload(b, s, e), e);
    if (r.ok) records.push(r.record);
  }
  time('classify + aggregate alone', () => {
    const agg = emptyAggregate(emptyStats());
    for (const r of records) addRecord(agg, r, options);
    return agg.namespaces.size;
  });
  const scratch = newObservationScratch();
  time('classify alone', () => {
    let n = 0;
    for (const r of records) if (classifyInto(r, options, scratch) === null) n++;
    return n;
  });
}
