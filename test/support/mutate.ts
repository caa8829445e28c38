import type { Prng } from '../../scripts/bench/prng';

/** Bytes that matter to JSON and to the field checks. */
export const INTERESTING_BYTES = Buffer.from('{}[]",:\\ \t\r-.0123456789eE+nultrfaseu/bx*AZ_|');

/**
 * `line` with 1–3 random edits (`minEdits` allows none): a byte replaced, inserted or deleted, or
 * the rest cut off; mostly bytes that matter to JSON, sometimes any byte.
 */
export function mutate(rng: Prng, line: Buffer, minEdits = 1): Buffer {
  let b: Buffer = Buffer.from(line);
  const edits = rng.int(minEdits, 3);
  for (let k = 0; k < edits; k++) {
    const at = rng.int(0, Math.max(0, b.length - 1));
    const byte = rng.chance(0.8) ? (INTERESTING_BYTES[rng.int(0, INTERESTING_BYTES.length - 1)] as number) : rng.int(0, 255);
    const op = rng.int(0, 3);
    if (op === 0) b[at] = byte;
    else if (op === 1) b = Buffer.concat([b.subarray(0, at), Buffer.from([byte]), b.subarray(at)]);
    else if (op === 2) b = Buffer.concat([b.subarray(0, at), b.subarray(at + 1)]);
    else b = b.subarray(0, at);
  }
  return b;
}
