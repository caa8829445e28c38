/**
 * An async iterable of byte chunks fed from message events: what `readFlowObject` reads inside a
 * worker. `onTaken` fires when the reader pulls a chunk, which is what paces the sender.
 */
export class ChunkQueue implements AsyncIterable<Uint8Array> {
  private readonly chunks: Uint8Array[] = [];
  private ended = false;
  private error: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly onTaken: (bytes: number) => void) {}

  push(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.notify();
  }

  end(): void {
    this.ended = true;
    this.notify();
  }

  fail(error: Error): void {
    this.error = error;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (;;) {
      if (this.error) throw this.error;
      const chunk = this.chunks.shift();
      if (chunk !== undefined) {
        this.onTaken(chunk.byteLength);
        yield chunk;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }
}
