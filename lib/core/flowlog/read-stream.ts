import { sniff, type FlowObjectBody } from './body-chunks';
import { inflate, type InflateMode } from './inflate';
import * as framing from './frame-line';
import { LineSplitter } from './line-splitter';
import type { FlowRecord, RejectReason } from './record';
import { PayloadParser } from './scan-record';

// Under tsx every module is CommonJS and each read of an imported binding calls a getter; the
// per-record path uses module-local copies taken once at load.
const { FRAME_BAD, FRAME_BLANK, FRAME_IGNORED, framePayload } = framing;

/**
 * One per thread: `read` is synchronous and keeps no state between calls except its caches
 * (interned values, decoded fields), which stay warm across objects. Objects read concurrently
 * also share its inflate buffer: each inflated chunk is consumed before the next is written.
 */
const payloadParser = new PayloadParser();

export interface ObjectReadResult {
  /**
   * Flow-record candidates: accepted + rejected lines (a cut-off gzip counts as one rejected
   * candidate), so `recordsRead = accepted + Σ rejected`. Blank and ignored lines are not counted.
   */
  recordsRead: number;
  rejected: Partial<Record<RejectReason, number>>;
  /** Fluentd lines with a non-flow tag (skip reason `otherTag`). */
  ignoredLines: number;
  /** Bytes read from the body (compressed size for gzip). */
  bytesIn: number;
  /** Bytes after decompression (equals `bytesIn` for plain text). */
  bytesDecompressed: number;
  /**
   * The gzip stream was cut off or corrupt. For a cut-off stream every complete line before the
   * cut was delivered; for corrupt data (including non-gzip bytes after a member), zlib discards
   * the output of the call that hit the damage, so up to one inflate buffer (256 KiB of text)
   * before it may be lost as well.
   */
  truncated: boolean;
}

export interface ReadOptions {
  /** Longest accepted line, excluding its newline. Default 1 MiB. */
  maxLineBytes?: number;
  /** Where gzip is inflated (see `InflateMode`). Default: on the libuv thread pool. */
  inflate?: InflateMode;
}

export type { FlowObjectBody };

export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

/**
 * Reads one archived flow-log object (gzip, detected by its magic bytes, or plain text) line by
 * line and calls `sink` for every accepted record. Memory stays bounded by the chunk size plus
 * `maxLineBytes` whatever the object size. Never throws for bad content: bad lines are counted by
 * reason, and a cut-off gzip stream ends the object with `truncated: true`. Errors from the body
 * (network) or from `sink` are propagated.
 */
export async function readFlowObject(body: FlowObjectBody, sink: (record: FlowRecord) => void, options: ReadOptions = {}): Promise<ObjectReadResult> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  if (!Number.isSafeInteger(maxLineBytes) || maxLineBytes < 1) {
    throw new RangeError(`maxLineBytes must be a positive integer, got ${maxLineBytes}`);
  }
  const result: ObjectReadResult = {
    recordsRead: 0,
    rejected: {},
    ignoredLines: 0,
    bytesIn: 0,
    bytesDecompressed: 0,
    truncated: false,
  };
  const reject = (reason: RejectReason): void => {
    result.recordsRead++;
    result.rejected[reason] = (result.rejected[reason] ?? 0) + 1;
  };

  // A chunk's records are parsed first and handed to `sink` after: parsing (scanner tables, field
  // caches) and aggregation (the rule maps) each keep their own data in the CPU cache for a few
  // hundred records instead of evicting each other at every record. Same order, same records.
  const parsed: FlowRecord[] = [];
  const deliver = (): void => {
    for (let i = 0; i < parsed.length; i++) sink(parsed[i] as FlowRecord);
    parsed.length = 0;
  };

  const splitter = new LineSplitter(maxLineBytes, {
    line(buf, start, end) {
      // Same decisions as decodeLine + parseRecord, made on the bytes (see scan-record.ts).
      const payload = framePayload(buf, start, end);
      if (payload < 0) {
        if (payload === FRAME_IGNORED) result.ignoredLines++;
        else if (payload === FRAME_BAD) reject('badFraming');
        else if (payload !== FRAME_BLANK) throw new Error('unreachable');
        return;
      }
      const record = payloadParser.read(buf, payload, end);
      if (record === null) {
        reject(payloadParser.rejection);
        return;
      }
      result.recordsRead++;
      parsed.push(record);
    },
    tooLong() {
      reject('lineTooLong');
    },
  });
  const onData = (chunk: Buffer): void => {
    result.bytesDecompressed += chunk.length;
    splitter.push(chunk);
    deliver();
  };

  const { gzip, chunks } = await sniff(body, (n) => {
    result.bytesIn += n;
  });
  if (!gzip) {
    for await (const chunk of chunks) onData(chunk);
    splitter.end();
    deliver();
    return result;
  }
  const damage = await inflate(chunks, onData, options.inflate, payloadParser.inflateBuffer);
  if (damage === null) {
    splitter.end();
    deliver();
  } else {
    splitter.discard();
    result.truncated = true;
    reject('truncatedGzip');
  }
  return result;
}
