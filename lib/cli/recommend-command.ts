import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { recommendOnce } from '../app/recommend-once';
import { parseRfc3339 } from '../core/engine';
import { isDns1123Subdomain } from '../core/names';
import { parseDuration, resolveScope, scopeFromDocument, ScopeValidationError, type Scope } from '../core/scope';
import { UsageError } from './errors';
import { toYamlStream } from '../core/yaml';
import { summaryLine } from './format';
import { openSource } from './sources';
import { impactRows, impactTable } from './impact-report';
import type { ImpactAggregate } from '../core/impact/impact-aggregate';

export interface RecommendOptions {
  scope?: string;
  clusterDomain: string;
  since?: string;
  until?: string;
  now?: string;
  format: string;
  out?: string;
  statsJson?: string;
  impact?: boolean;
}

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The real clock, Unix seconds (injected so tests can pin it). */
  now(): number;
}

async function loadScope(path: string | undefined): Promise<Scope> {
  if (!path) return resolveScope({});
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read scope file ${path}`);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text); // YAML is a superset of JSON, so both formats parse here.
  } catch (err) {
    throw new UsageError(`scope file ${path} is not valid YAML or JSON: ${(err as Error).message.split('\n')[0]}`);
  }
  try {
    return scopeFromDocument(doc);
  } catch (err) {
    if (err instanceof ScopeValidationError) throw new UsageError(`invalid scope in ${path}: ${err.message}`);
    throw err;
  }
}

/** `--since`/`--until`: an RFC 3339 time, or a duration meaning "that long before --now". */
function parseTime(flag: string, value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const t = parseRfc3339(value);
  if (!Number.isNaN(t)) return t;
  const d = parseDuration(value);
  if (d !== undefined) return now - d;
  throw new UsageError(`${flag} must be an RFC 3339 time (2026-01-02T03:04:05Z) or a duration (24h), got ${JSON.stringify(value)}`);
}

export async function runRecommend(sourceSpec: string, opts: RecommendOptions, io: Io): Promise<number> {
  if (opts.format !== 'yaml' && opts.format !== 'json') throw new UsageError(`--format must be yaml or json, got ${JSON.stringify(opts.format)}`);
  if (!isDns1123Subdomain(opts.clusterDomain)) throw new UsageError(`--cluster-domain must be a DNS name, got ${JSON.stringify(opts.clusterDomain)}`);
  let now = io.now();
  if (opts.now !== undefined) {
    now = parseRfc3339(opts.now);
    if (Number.isNaN(now)) throw new UsageError(`--now must be an RFC 3339 time, got ${JSON.stringify(opts.now)}`);
  }
  const since = parseTime('--since', opts.since, now);
  const until = parseTime('--until', opts.until, now);
  if (since !== undefined && until !== undefined && since >= until) throw new UsageError('--since must be before --until');
  const scope = await loadScope(opts.scope);
  const source = await openSource(sourceSpec);

  const result = await recommendOnce({ source, scope, clusterDomain: opts.clusterDomain, now, since, until, impact: opts.impact === true });
  if (result.objects === 0) throw new UsageError(`no flow-log objects found in ${source.description}`);
  if (opts.impact) {
    // The impact report instead of the manifests: a table on stderr, or JSON on stdout.
    const rows = impactRows(result.impact ?? (new Map() as ImpactAggregate));
    if (opts.format === 'json') io.stdout(`${JSON.stringify({ impact: rows }, null, 2)}\n`);
    else io.stderr(impactTable(rows));
    io.stderr(`${summaryLine(result.stats, result.objects, result.namespaces.length)}\n`);
    return 0;
  }

  const all = [result.tier, ...result.namespaces.flatMap((n) => n.manifests)];
  if (opts.out) {
    await mkdir(opts.out, { recursive: true });
    await writeFile(join(opts.out, '_tier.yaml'), toYamlStream([result.tier]));
    for (const n of result.namespaces) await writeFile(join(opts.out, `${n.namespace}.yaml`), toYamlStream(n.manifests));
  } else if (opts.format === 'json') {
    io.stdout(`${JSON.stringify(all, null, 2)}\n`);
  } else {
    io.stdout(toYamlStream(all));
  }
  if (opts.statsJson) {
    const body = { objects: result.objects, recommendations: result.namespaces.length, ...result.stats };
    await writeFile(opts.statsJson, `${JSON.stringify(body, null, 2)}\n`);
  }
  io.stderr(`${summaryLine(result.stats, result.objects, result.namespaces.length)}\n`);
  return 0;
}
