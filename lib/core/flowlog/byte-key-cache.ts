/**
 * A small cache from a byte sequence to a value computed from those bytes. The reader's fields
 * repeat heavily (namespaces, names, enums, whole policy traces), so a hit replaces decoding and
 * validation by one hash and one byte comparison, and allocates nothing. Any value that is a pure
 * function of the bytes can be cached. Two-way set-associative (a new entry pushes the older one
 * of its pair out): a direct-mapped table thrashed when two hot keys shared a slot. Memory is
 * bounded by `size` entries of at most `maxLength` bytes.
 *
 * Keys are hashed and compared four bytes at a time through DataViews (unaligned reads are fine
 * and V8 compiles them to plain loads): policy traces make keys of a few hundred bytes.
 */
export class ByteKeyCache<T> {
  private readonly keys: (DataView | undefined)[];
  private readonly values: T[];
  private readonly mask: number;
  /** DataView of the last buffer looked up in (lines of one chunk share their buffer). */
  private viewOf: Uint8Array | undefined;
  private view: DataView = new DataView(new ArrayBuffer(0));

  /**
   * `compute(b, start, end)` gives the value of `b[start, end)`; it runs on a miss only.
   * `size` must be a power of two (≥ 2).
   */
  constructor(
    size: number,
    private readonly maxLength: number,
    private readonly compute: (b: Buffer, start: number, end: number) => T,
  ) {
    this.keys = new Array<DataView | undefined>(size).fill(undefined);
    this.values = new Array<T>(size);
    this.mask = size - 2;
  }

  get(b: Buffer, start: number, end: number): T {
    const n = end - start;
    if (n > this.maxLength) return this.compute(b, start, end);
    if (b !== this.viewOf) {
      this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
      this.viewOf = b;
    }
    const v = this.view;
    let h = n;
    let i = start;
    for (; i + 4 <= end; i += 4) {
      h = Math.imul(h ^ v.getInt32(i, true), 0x9e3779b1);
      h = (h << 13) | (h >>> 19);
    }
    for (; i < end; i++) h = Math.imul(h ^ (b[i] as number), 0x01000193);
    // Murmur3's finalizer spreads every input bit over the slot bits.
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    const slot = (h ^ (h >>> 16)) & this.mask;
    if (this.matches(slot, v, b, start, n)) return this.values[slot] as T;
    if (this.matches(slot + 1, v, b, start, n)) return this.values[slot + 1] as T;
    const value = this.compute(b, start, end);
    this.keys[slot + 1] = this.keys[slot];
    this.values[slot + 1] = this.values[slot] as T;
    const copy = new Uint8Array(b.subarray(start, end));
    this.keys[slot] = new DataView(copy.buffer);
    this.values[slot] = value;
    return value;
  }

  private matches(slot: number, v: DataView, b: Buffer, start: number, n: number): boolean {
    const known = this.keys[slot];
    if (known === undefined || known.byteLength !== n) return false;
    let j = 0;
    for (; j + 4 <= n; j += 4) if (known.getInt32(j, true) !== v.getInt32(start + j, true)) return false;
    for (; j < n; j++) if (known.getUint8(j) !== b[start + j]) return false;
    return true;
  }
}
