import { describe, expect, it } from 'vitest';
import { INTERN_GROUPS } from '../../lib/core/flowlog/fast-record';
import { JsonScanner, KeySet, MAX_DEPTH, SCAN_FALLBACK, SCAN_NOT_JSON, SCAN_OK, V_STRING } from '../../lib/core/flowlog/json-scan';
import { parsePayloadText, PayloadParser } from '../../lib/core/flowlog/scan-record';
import { WasmScanner } from '../../lib/core/flowlog/wasm-scanner';
import { Prng } from '../../scripts/bench/prng';
import { RecordFactory } from '../../scripts/bench/records';
import { buildWorld } from '../../scripts/bench/world';
import { mutate } from '../support/mutate';

/**
 * The WebAssembly scanner against the JavaScript one (itself tested against JSON.parse): the same
 * status and the same recorded fields for every text, with the SIMD runs checked at every
 * position around their 16-byte blocks; then what only the WebAssembly scanner does — interning
 * by group, epochs, the input capacity.
 */
const KEYS = ['k', 'n', 'policies', 'source_namespace'];

function bothScanners(keys: readonly string[]): { js: JsonScanner; wasm: WasmScanner } {
  return { js: new JsonScanner(new KeySet(keys)), wasm: new WasmScanner(keys) };
}

function fields(s: { kind: Uint8Array; start: Int32Array; end: Int32Array }, n: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let i = 0; i < n; i++) out.push(s.kind[i] === 0 ? [0, 0, 0] : [s.kind[i] as number, s.start[i] as number, s.end[i] as number]);
  return out;
}

/** Scans `text` placed at `offset` inside a larger buffer with both scanners and compares everything. */
function agree(scanners: { js: JsonScanner; wasm: WasmScanner }, text: Buffer, offset = 3): number {
  const buf = Buffer.concat([Buffer.from('{"'.repeat(offset)).subarray(0, offset), text, Buffer.from('"}]"')]);
  const from = offset;
  const to = offset + text.length;
  const want = scanners.js.scan(buf, from, to);
  const got = scanners.wasm.scan(buf, from, to);
  const n = KEYS.length;
  const label = text.toString('latin1');
  if (want === SCAN_OK) {
    expect({ label, got, fields: fields(scanners.wasm, n) }).toStrictEqual({ label, got: want, fields: fields(scanners.js, n) });
  } else {
    expect({ label, got }).toStrictEqual({ label, got: want });
  }
  return got;
}

describe('WebAssembly scanner vs the JavaScript scanner', () => {
  const scanners = bothScanners(KEYS);

  it('finds string stops at every position around the 16-byte blocks', () => {
    const stops = ['\\"', '\\\\', '\\u0041', '\\u00', '\\x', '\u0001', '\t', '\u001f', '"', '\u007f', 'é'];
    for (let len = 0; len < 40; len++) {
      for (let at = 0; at <= len; at++) {
        for (const stop of stops) {
          const content = 'x'.repeat(at) + stop + 'y'.repeat(len - at);
          agree(scanners, Buffer.from(`{"k":"${content}","n":1}`));
          agree(scanners, Buffer.from(`{"${content}":"v","k":"${content}"}`));
          // Unterminated at the end of the text: the bytes after it belong to the caller.
          agree(scanners, Buffer.from(`{"k":"${content}`));
        }
      }
    }
  });

  it('finds the end of digit runs at every position around the 16-byte blocks', () => {
    const tails = ['', '.5', 'e7', 'E+2', 'e-', '.', 'x', ' ', ',"z":0', '0', '-'];
    for (let len = 1; len < 40; len++) {
      for (const tail of tails) {
        for (const lead of ['', '-', '0', '-0']) {
          const digits = lead + '7'.repeat(len);
          agree(scanners, Buffer.from(`{"n":${digits}${tail}}`));
          agree(scanners, Buffer.from(`{"n":${digits}${tail}`));
          agree(scanners, Buffer.from(`[${digits}${tail}]`));
        }
      }
    }
  });

  it('agrees on nesting depth, literals, whitespace and top-level shapes', () => {
    for (const depth of [MAX_DEPTH - 2, MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1]) {
      agree(scanners, Buffer.from(`{"k":${'['.repeat(depth)}${']'.repeat(depth)}}`));
      agree(scanners, Buffer.from(`{"k":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`));
    }
    const texts = [
      '',
      ' ',
      '{',
      '}',
      '{}',
      ' {} ',
      '{} x',
      '[]',
      '"s"',
      '1',
      'null',
      '\ufeff{}',
      '{"k"}',
      '{"k":}',
      '{"k":1,}',
      '{,"k":1}',
      '{"k":nul}',
      '{"k":nulls}',
      '{"k":true}',
      '{"k":tru}',
      '{"k":false}',
      '{"k":fals}',
      '{"k":falsey}',
      '{"k":[1,]}',
      '{"k":[,1]}',
      '{"k":[1 2]}',
      '{"k":{"a":1 "b":2}}',
      '{ "k" : [ 1 , { "a" : null } ] , "n" : -0.5e+3 }',
      '{\t"k"\r\n:\n"v"}',
      '{"k":1,"k":"again"}',
      '{"\\u006b":1}',
      '{"k\\n":1}',
      '{"policies":{"all_policies":["a"]},"source_namespace":"ns"}',
      '{"k":"\\ud800"}',
      '{"k":01}',
      '{"k":-}',
      '{"k":1.}',
      '{"k":.5}',
      '{"k":1e}',
      '{"k":+1}',
      '{"k":Infinity}',
      '{"k":NaN}',
    ];
    for (const t of texts) agree(scanners, Buffer.from(t));
  });

  it('agrees on 20,000 realistic texts with random byte edits', () => {
    const factory = new RecordFactory(buildWorld(20), 9);
    const keys = ['start_time', 'action', 'source_namespace', 'dest_port', 'dest_domains', 'policies', 'bytes_in'];
    const pair = bothScanners(keys);
    const rng = new Prng(77);
    let ok = 0;
    for (let i = 0; i < 20_000; i++) {
      const b = mutate(rng, Buffer.from(JSON.stringify(factory.next(i % 2 === 0 ? 'legacy' : 'modern'))), 0);
      const want = pair.js.scan(b, 0, b.length);
      const got = pair.wasm.scan(b, 0, b.length);
      expect(got).toBe(want);
      if (want === SCAN_OK) {
        ok++;
        expect(fields(pair.wasm, keys.length)).toStrictEqual(fields(pair.js, keys.length));
      }
    }
    // Both outcomes were exercised.
    expect(ok).toBeGreaterThan(5_000);
    expect(ok).toBeLessThan(19_000);
  });
});

describe('WebAssembly scanner interning', () => {
  it('gives equal bytes equal ids within a group, distinct bytes distinct ids, below the group size', () => {
    const wasm = new WasmScanner(['a', 'b', 'c'], [{ bits: 6, keys: ['a', 'b'] }]);
    const idOf = (text: string, field: number): number => {
      const b = Buffer.from(text);
      expect(wasm.scan(b, 0, b.length)).toBe(SCAN_OK);
      return wasm.id[field] as number;
    };
    const first = idOf('{"a":"ns-1","b":"ns-2","c":"ns-1"}', 0);
    expect(idOf('{"b":"ns-1"}', 1)).toBe(first);
    expect(idOf('{"a":"ns-2"}', 0)).not.toBe(first);
    expect(idOf('{"a":["ns-1"]}', 0)).not.toBe(first);
    // A key outside every group is not interned.
    expect(idOf('{"c":"ns-1"}', 2)).toBe(-1);
    for (let i = 0; i < 20; i++) expect(idOf(`{"a":"v${i}"}`, 0)).toBeLessThan(64);
    // Escaped strings and long values are never interned.
    expect(idOf('{"a":"x\\u0041"}', 0)).toBe(-1);
    expect(idOf(`{"a":"${'x'.repeat(5000)}"}`, 0)).toBe(-1);
  });

  it('starts a new epoch when a group is half full, and ids of the new epoch are reused', () => {
    const wasm = new WasmScanner(['a'], [{ bits: 4, keys: ['a'] }]);
    const epoch = wasm.epoch();
    const ids = new Set<number>();
    for (let i = 0; i < 8; i++) {
      const b = Buffer.from(`{"a":"v${i}"}`);
      wasm.scan(b, 0, b.length);
      ids.add(wasm.id[0] as number);
    }
    expect(ids.size).toBe(8);
    expect(wasm.epoch()).toBe(epoch);
    const b = Buffer.from('{"a":"v8"}');
    wasm.scan(b, 0, b.length);
    expect(wasm.epoch()).toBe(epoch + 1);
  });

  it('stops interning a group whose arena is full, and starts a new epoch at the next text', () => {
    // 16 slots: an arena of 4 KiB for this group.
    const wasm = new WasmScanner(['a', 'b'], [{ bits: 4, keys: ['a', 'b'] }]);
    const scan = (text: string): void => {
      const b = Buffer.from(text);
      expect(wasm.scan(b, 0, b.length)).toBe(SCAN_OK);
    };
    const epoch = wasm.epoch();
    scan(`{"a":"${'x'.repeat(2500)}","b":"${'y'.repeat(2500)}"}`);
    expect([wasm.id[0], wasm.id[1]]).toStrictEqual([0, -1]);
    expect(wasm.epoch()).toBe(epoch);
    scan(`{"a":"${'y'.repeat(2500)}"}`);
    expect(wasm.id[0]).toBe(0);
    expect(wasm.epoch()).toBe(epoch + 1);
  });

  it('hands texts longer than its input back to the caller, which still reads them', () => {
    const wasm = new WasmScanner(['k']);
    const big = Buffer.from(`{"k":"${'x'.repeat(wasm.capacity)}"}`);
    expect(wasm.scan(big, 0, big.length)).toBe(SCAN_FALLBACK);
    const small = Buffer.from('{"k":"x"}');
    expect(wasm.scan(small, 0, small.length)).toBe(SCAN_OK);
    expect(wasm.kind[0]).toBe(V_STRING);
    const record = JSON.stringify({ action: 'allow', reporter: 'src', source_namespace: 'a', process_args: ['x'.repeat(wasm.capacity)] });
    const b = Buffer.from(record);
    expect(new PayloadParser().parse(b, 0, b.length)).toStrictEqual(parsePayloadText(record));
  });

  it('scans texts inside its chunk region in place, with the results of copied ones', () => {
    const wasm = new WasmScanner(['k', 'n']);
    const copied = new WasmScanner(['k', 'n']);
    const text = Buffer.from('{"n":12,"k":["a",{"b":null}]}');
    for (const at of [0, 1, 15, 16, 17, wasm.chunk.length - text.length]) {
      text.copy(wasm.chunk, at);
      const heap = Buffer.concat([Buffer.alloc(at), text]);
      expect(wasm.scan(wasm.chunk, at, at + text.length)).toBe(SCAN_OK);
      expect(copied.scan(heap, at, at + text.length)).toBe(SCAN_OK);
      expect(fields(wasm, 2)).toStrictEqual(fields(copied, 2));
    }
    // A view of the module's memory past the chunk region is refused, not read out of bounds.
    const past = Buffer.from(wasm.chunk.buffer, wasm.chunk.byteOffset + wasm.chunk.length - 4, 8);
    expect(wasm.scan(past, 0, 8)).toBe(SCAN_FALLBACK);
  });

  it('reads records identically across many epochs (distinct policy traces overflow their group)', () => {
    const parser = new PayloadParser();
    const traces = 2 ** INTERN_GROUPS.policies.bits;
    const rng = new Prng(5);
    for (let i = 0; i < traces; i++) {
      const record = JSON.stringify({
        start_time: 1_788_311_100 + i,
        end_time: 1_788_311_400 + i,
        action: i % 7 === 0 ? 'deny' : 'allow',
        reporter: i % 2 === 0 ? 'src' : 'dst',
        source_type: 'wep',
        source_namespace: `ns-${i % 300}`,
        source_name_aggr: `app-${i % 50}-*`,
        dest_type: i % 3 === 0 ? 'net' : 'wep',
        dest_namespace: i % 3 === 0 ? '-' : `ns-${(i * 7) % 300}`,
        dest_name_aggr: i % 3 === 0 ? 'pub' : `db-${i % 40}-*`,
        dest_port: rng.int(1, 65535),
        proto: 'tcp',
        policies: { all_policies: [`0|tier-${i}|ns-${i % 300}/tier-${i}.allow-${i}|allow|${i % 4}`] },
        bytes_in: i,
      });
      const b = Buffer.from(record);
      const got = parser.parse(b, 0, b.length);
      if (i % 97 === 0 || i > traces - 50) expect(got).toStrictEqual(parsePayloadText(record));
      else expect(got.ok).toBe(true);
    }
  });
});

describe('WebAssembly scanner set-up', () => {
  it('refuses more keys or groups than its tables hold', () => {
    expect(() => new WasmScanner(Array.from({ length: 65 }, (_, i) => `key-${i}`))).toThrow(RangeError);
    expect(() => new WasmScanner(['a'], [{ bits: 17, keys: ['a'] }])).toThrow(RangeError);
  });

  it('rejects a text as not JSON exactly where the JavaScript scanner does', () => {
    const { js, wasm } = bothScanners(KEYS);
    const b = Buffer.from('{"k":"v"');
    expect(js.scan(b, 0, b.length)).toBe(SCAN_NOT_JSON);
    expect(wasm.scan(b, 0, b.length)).toBe(SCAN_NOT_JSON);
  });
});
