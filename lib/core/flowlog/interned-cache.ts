/**
 * Values computed from bytes, cached by the bytes' intern id (see WasmScanner): the reader's
 * fields repeat heavily (namespaces, names, enums, whole policy traces), so a hit costs one array
 * read. Ids are table slots of the scanner's bounded intern table, so the cache is bounded by its
 * size; `clear` drops everything when the scanner starts a new epoch. Any value that is a pure
 * function of the bytes can be cached.
 */
export class InternedCache<T> {
  private readonly values: (T | undefined)[];

  /** `compute(b, start, end)` gives the value of `b[start, end)`; it runs on a miss only. */
  constructor(
    private readonly size: number,
    private readonly compute: (b: Buffer, start: number, end: number) => T,
  ) {
    this.values = new Array<T | undefined>(size).fill(undefined);
  }

  /** The value of `b[start, end)`, whose bytes have intern id `id` (-1: not interned). */
  get(id: number, b: Buffer, start: number, end: number): T {
    if (id < 0) return this.compute(b, start, end);
    let value = this.values[id];
    if (value === undefined) {
      value = this.compute(b, start, end);
      this.values[id] = value;
    }
    return value;
  }

  clear(): void {
    this.values.fill(undefined);
  }
}
