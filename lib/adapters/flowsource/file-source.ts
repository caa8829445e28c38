import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isFlowLogKey } from '../../core/flowlog/keys';
import { FlowObjectNotFoundError, FlowSourceError } from './errors';

const READ_CHUNK_BYTES = 256 * 1024;

const READABLE_EXTENSIONS = ['.gz', '.json', '.jsonl', '.log'];

/** Basenames shaped like an archived Calico object of any type (`dns20240601_0.gz`, `20240601_a1B2c3D4.gz`). */
const FLUENTD_OBJECT = /^[a-z_]+\d{8}_\d+\.gz$/;
const FLUENT_BIT_OBJECT = /^\d{8}_[A-Za-z0-9]{8}\.gz$/;

function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/**
 * Whether a file found under a directory is read, judged by its `/`-separated path relative to
 * that directory:
 * - a flow-log key (either layout) under any prefix, as in a mirrored bucket
 *   (`cluster-a/flows20240601_0.gz`, `cluster-a/flows/20240601_a1B2c3D4.gz`): yes;
 * - any other archived Calico object (`dns20240601_0.gz`, `l7/20240601_a1B2c3D4.gz`): no;
 * - any other `*.gz`, `*.json`, `*.jsonl` or `*.log` file (hand-made samples): yes.
 */
export function isReadableFlowFile(relativePath: string): boolean {
  const dir = dirname(relativePath);
  // fluentd keys sit directly in the prefix, fluent-bit keys one level down in `flows/`.
  if (isFlowLogKey(dir, relativePath) || isFlowLogKey(dirname(dir), relativePath)) return true;
  const base = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  if (FLUENTD_OBJECT.test(base) || FLUENT_BIT_OBJECT.test(base)) return false;
  return READABLE_EXTENSIONS.some((ext) => base.endsWith(ext));
}

function fileError(err: unknown, path: string): FlowSourceError {
  const code = (err as { code?: unknown } | null)?.code;
  const codeText = typeof code === 'string' ? code : undefined;
  const context = { key: path, code: codeText, cause: err };
  if (codeText === 'ENOENT') return new FlowObjectNotFoundError(`flow-log file not found: ${path}`, context);
  return new FlowSourceError(`cannot read flow-log file ${path}: ${codeText ?? 'unknown error'}`, context);
}

async function walk(root: string, dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      await walk(root, full, out);
    } else if (entry.isFile()) {
      const rel = relative(root, full).split(sep).join('/');
      if (isReadableFlowFile(rel)) out.push(full);
    }
  }
}

/**
 * The flow-log files at `path`: the file itself, or every matching regular file beneath a
 * directory (see `isReadableFlowFile`; symbolic links inside it are not followed), sorted so runs
 * are deterministic.
 */
export async function listFlowFiles(path: string): Promise<string[]> {
  try {
    const info = await stat(path);
    if (!info.isDirectory()) return [path];
    const out: string[] = [];
    await walk(path, path, out);
    return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  } catch (err) {
    throw fileError(err, path);
  }
}

async function* guarded(path: string): AsyncGenerator<Uint8Array> {
  try {
    yield* createReadStream(path, { highWaterMark: READ_CHUNK_BYTES }) as AsyncIterable<Buffer>;
  } catch (err) {
    throw fileError(err, path);
  }
}

/** The size of a flow-log file in bytes (workers take the largest objects first). */
export async function flowFileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (err) {
    throw fileError(err, path);
  }
}

/** Streams a file in 256 KiB chunks (the reader never holds the whole file). */
export function openFile(path: string): AsyncIterable<Uint8Array> {
  return guarded(path);
}
