/**
 * Splits a byte stream into lines on `\n` (a trailing `\r` is dropped) without ever holding more
 * than one line: lines inside a chunk are handed out as slices of that chunk; only a line that
 * straddles chunks is copied, into a carry buffer that never grows past `maxLineBytes`. A longer
 * line is reported once and its bytes are skipped up to the next newline.
 *
 * Splitting bytes rather than text is safe for UTF-8 (0x0a never occurs inside a multi-byte
 * sequence) and makes the limit exact.
 */
export interface LineSink {
  /** One complete line, `buf[start, end)`, without its newline. The bytes are only valid during the call. */
  line(buf: Buffer, start: number, end: number): void;
  /** A line longer than the limit was skipped. */
  tooLong(): void;
}

const LF = 10;
const CR = 13;
const INITIAL_CARRY = 16 * 1024;

export class LineSplitter {
  private carry: Buffer | undefined;
  private carryLength = 0;
  private skipping = false;

  constructor(
    private readonly maxLineBytes: number,
    private readonly sink: LineSink,
  ) {}

  push(chunk: Buffer): void {
    const n = chunk.length;
    let start = 0;
    while (start < n) {
      const nl = chunk.indexOf(LF, start);
      if (nl === -1) {
        this.keep(chunk, start, n);
        return;
      }
      if (this.skipping) {
        this.skipping = false;
      } else if (this.carryLength === 0) {
        if (nl - start > this.maxLineBytes) this.sink.tooLong();
        else this.emit(chunk, start, nl);
      } else {
        this.finishCarried(chunk, start, nl);
      }
      start = nl + 1;
    }
  }

  /** End of input: the last line may lack its newline. */
  end(): void {
    if (!this.skipping && this.carryLength > 0 && this.carry !== undefined) {
      this.emit(this.carry, 0, this.carryLength);
    }
    this.discard();
  }

  /** Drops a partial last line (the input was cut off). */
  discard(): void {
    this.carry = undefined;
    this.carryLength = 0;
    this.skipping = false;
  }

  private emit(buf: Buffer, start: number, end: number): void {
    if (end > start && buf[end - 1] === CR) end--;
    this.sink.line(buf, start, end);
  }

  private finishCarried(chunk: Buffer, start: number, nl: number): void {
    if (this.keep(chunk, start, nl)) {
      const carry = this.carry as Buffer;
      const length = this.carryLength;
      this.carryLength = 0;
      this.emit(carry, 0, length);
    } else {
      this.skipping = false;
    }
  }

  /** Appends to the carry; false (and skip mode) once the line exceeds the limit. */
  private keep(chunk: Buffer, start: number, end: number): boolean {
    if (this.skipping) return false;
    const needed = this.carryLength + (end - start);
    if (needed > this.maxLineBytes) {
      this.sink.tooLong();
      this.carryLength = 0;
      this.skipping = true;
      return false;
    }
    if (this.carry === undefined || this.carry.length < needed) {
      const size = Math.min(this.maxLineBytes, Math.max(needed, INITIAL_CARRY, (this.carry?.length ?? 0) * 2));
      const grown = Buffer.allocUnsafe(size);
      if (this.carry !== undefined) this.carry.copy(grown, 0, 0, this.carryLength);
      this.carry = grown;
    }
    chunk.copy(this.carry, this.carryLength, start, end);
    this.carryLength = needed;
    return true;
  }
}
