import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

/** One file of the built page, held in memory: the whole page is a few hundred kilobytes. */
export interface PageAsset {
  readonly contentType: string;
  /** Text as is, binary as base64 (API Gateway's `isBase64Encoded`). */
  readonly body: string;
  readonly base64: boolean;
}

export interface PageAssets {
  readonly index: PageAsset;
  /** Hashed files under `assets/`, by file name. */
  readonly hashed: ReadonlyMap<string, PageAsset>;
}

const TYPES: Record<string, { type: string; text: boolean }> = {
  '.html': { type: 'text/html; charset=utf-8', text: true },
  '.js': { type: 'text/javascript; charset=utf-8', text: true },
  '.css': { type: 'text/css; charset=utf-8', text: true },
  '.svg': { type: 'image/svg+xml', text: true },
  '.json': { type: 'application/json; charset=utf-8', text: true },
  '.map': { type: 'application/json; charset=utf-8', text: true },
  '.png': { type: 'image/png', text: false },
  '.woff2': { type: 'font/woff2', text: false },
};

function readAsset(file: string): PageAsset | undefined {
  const kind = TYPES[extname(file)];
  if (!kind) return undefined;
  const bytes = readFileSync(file);
  return { contentType: kind.type, body: kind.text ? bytes.toString('utf8') : bytes.toString('base64'), base64: !kind.text };
}

/** The first folder that holds a built page (index.html), or undefined. */
export function findAssetsDir(candidates: readonly string[]): string | undefined {
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}

/** Reads the built page once per container. */
export function loadPageAssets(dir: string): PageAssets {
  const index = readAsset(join(dir, 'index.html'));
  if (!index) throw new Error(`no index.html in ${dir}`);
  const hashed = new Map<string, PageAsset>();
  const assetsDir = join(dir, 'assets');
  if (existsSync(assetsDir)) {
    for (const name of readdirSync(assetsDir)) {
      const asset = readAsset(join(assetsDir, name));
      if (asset) hashed.set(name, asset);
    }
  }
  return { index, hashed };
}
