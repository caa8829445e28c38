import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { toYamlStream } from '../../core/yaml';

/** The Tier's file; the underscore cannot start a namespace name, so it never collides. */
export const TIER_FILE = '_tier.yaml';

export function namespaceFile(dir: string, namespace: string): string {
  return join(dir, `${namespace}.yaml`);
}

export interface FileDocuments {
  /** The documents that parsed (empty ones left out). */
  readonly docs: unknown[];
  /** Documents with YAML errors, by 1-based position and the line the first error is on. */
  readonly invalid: { readonly document: number; readonly line?: number }[];
}

/**
 * The documents of a YAML stream file; none when the file does not exist. Documents that do not
 * parse are reported, not dropped: a file holding one must not be rewritten (a hand edit would be
 * lost). Only positions are reported, never the parser's text, which quotes the file.
 */
export async function readDocuments(file: string): Promise<FileDocuments> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { docs: [], invalid: [] };
    throw err;
  }
  const docs: unknown[] = [];
  const invalid: { document: number; line?: number }[] = [];
  parseAllDocuments(text).forEach((d, i) => {
    const line = d.errors[0]?.linePos?.[0]?.line;
    if (d.errors.length > 0) return void invalid.push({ document: i + 1, ...(line === undefined ? {} : { line }) });
    let value: unknown;
    try {
      value = d.toJS();
    } catch {
      return void invalid.push({ document: i + 1 });
    }
    if (value !== null && value !== undefined) docs.push(value);
  });
  return { docs, invalid };
}

/** Readers (GitOps tools, the user) never see a half-written file: write aside, then rename. */
export async function writeDocuments(file: string, docs: readonly unknown[]): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, toYamlStream(docs), 'utf8');
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

export async function removeFile(file: string): Promise<void> {
  await rm(file, { force: true });
}

/** Namespaces that have a file (names that are valid namespaces only; other files are not ours). */
export async function listNamespaceFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names
    .filter((n) => /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.yaml$/.test(n))
    .map((n) => n.slice(0, -'.yaml'.length))
    .sort();
}
