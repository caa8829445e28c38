import { JSON_SCAN_WASM } from './json-scan-wasm.generated';
import { SCAN_FALLBACK } from './json-scan';

/**
 * The reader's top-level scanner: the WebAssembly build of the validating scan
 * (assembly/json-scan.ts). Same results as `JsonScanner` over the same keys — `kind`, `start`
 * and `end` per wanted key, positions in the caller's buffer — plus, per recorded value, an
 * intern `id` (strings without escapes, arrays, objects of keys in an intern group; -1 otherwise
 * and for long ones) and the `number` of a plain integer (-1 otherwise). Within a group, equal
 * bytes get equal ids, below `2 ** bits`, until `epoch` changes, so callers cache decoded values
 * by id per group. The text is copied into the module's memory (one memcpy) unless it is already
 * there (`chunk`); the scan itself runs sixteen bytes at a time. Not reentrant; one per reader.
 */
interface ScanExports {
  readonly memory: WebAssembly.Memory;
  readonly INPUT_CAP: WebAssembly.Global;
  readonly CHUNK_CAP: WebAssembly.Global;
  setup(): number;
  chunkPtr(): number;
  kindPtr(): number;
  startPtr(): number;
  endPtr(): number;
  idPtr(): number;
  numberPtr(): number;
  epochPtr(): number;
  addGroup(bits: number): number;
  addKey(length: number, group: number): number;
  scan(at: number, length: number, offset: number): number;
}

let compiled: WebAssembly.Module | undefined;

function scanModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(Buffer.from(JSON_SCAN_WASM, 'base64'));
  return compiled;
}

/** Keys whose values one cache decodes alike, interned in one table of 2^bits slots (half used at most). */
export interface InternGroup {
  readonly bits: number;
  readonly keys: readonly string[];
}

export class WasmScanner {
  readonly kind: Uint8Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly id: Int32Array;
  readonly number: Float64Array;
  /** Longest text the module takes; longer ones get SCAN_FALLBACK. */
  readonly capacity: number;
  /**
   * A buffer inside the module's memory to inflate into: texts in it are scanned in place,
   * without the copy (see inflate.ts, `output`).
   */
  readonly chunk: Buffer;
  private readonly exports: ScanExports;
  private readonly memory: ArrayBuffer;
  private readonly input: Buffer;
  private readonly inputPtr: number;
  private readonly epochCell: Int32Array;

  constructor(keys: readonly string[], groups: readonly InternGroup[] = []) {
    const exports = new WebAssembly.Instance(scanModule()).exports as unknown as ScanExports;
    this.exports = exports;
    const inputPtr = exports.setup();
    // setup() grew the memory once and nothing grows it again, so these views stay attached.
    const buffer = exports.memory.buffer;
    this.capacity = exports.INPUT_CAP.value as number;
    this.memory = buffer;
    this.inputPtr = inputPtr;
    this.input = Buffer.from(buffer, inputPtr, this.capacity);
    this.chunk = Buffer.from(buffer, exports.chunkPtr(), exports.CHUNK_CAP.value as number);
    const n = keys.length;
    this.kind = new Uint8Array(buffer, exports.kindPtr(), n);
    this.start = new Int32Array(buffer, exports.startPtr(), n);
    this.end = new Int32Array(buffer, exports.endPtr(), n);
    this.id = new Int32Array(buffer, exports.idPtr(), n);
    this.number = new Float64Array(buffer, exports.numberPtr(), n);
    this.epochCell = new Int32Array(buffer, exports.epochPtr(), 1);
    const groupOf = new Map<string, number>();
    for (const group of groups) {
      const id = exports.addGroup(group.bits);
      if (id < 0) throw new RangeError('the intern groups exceed the scanner tables');
      for (const key of group.keys) groupOf.set(key, id);
    }
    for (const key of keys) {
      const length = this.input.write(key, 0, 'latin1');
      if (exports.addKey(length, groupOf.get(key) ?? -1) === 0) throw new RangeError('the scanner takes at most 64 keys of 4 KiB in all');
    }
  }

  /** Intern ids are only comparable within one epoch. */
  epoch(): number {
    return this.epochCell[0] as number;
  }

  /** Scans `b[from, to)`; returns SCAN_OK, SCAN_NOT_JSON or SCAN_FALLBACK. */
  scan(b: Buffer, from: number, to: number): number {
    const length = to - from;
    // Already in the module's memory (the chunk region): scanned where it is.
    if (b.buffer === this.memory) return this.exports.scan(b.byteOffset + from, length, from);
    if (length > this.capacity) return SCAN_FALLBACK;
    b.copy(this.input, 0, from, to);
    return this.exports.scan(this.inputPtr, length, from);
  }
}
