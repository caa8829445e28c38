import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/**
 * The peer: what a user would reach for instead — DuckDB over the same .gz files, computing the
 * same aggregation (per namespace, direction, peer, protocol, port: records, flows, bytes, first
 * and last seen, domains) with the same filters: allow only, src/dst reporters with a local
 * workload, unprotected by the same deciding-hit rule (enforced list, else all minus staged;
 * highest index; profile allow), peer classification of docs/engine.md
 *
 * fluentd objects are read as TAB-separated text (third column parsed as JSON), fluent-bit
 * objects as newline-delimited JSON; explicit column types spare DuckDB its sampling pass.
 */
const FIELDS: Record<string, string> = {
  start_time: 'BIGINT',
  end_time: 'BIGINT',
  action: 'VARCHAR',
  reporter: 'VARCHAR',
  source_type: 'VARCHAR',
  source_namespace: 'VARCHAR',
  source_name_aggr: 'VARCHAR',
  dest_type: 'VARCHAR',
  dest_namespace: 'VARCHAR',
  dest_name_aggr: 'VARCHAR',
  dest_port: 'INTEGER',
  proto: 'VARCHAR',
  dest_service_name: 'VARCHAR',
  dest_service_namespace: 'VARCHAR',
  dest_domains: 'VARCHAR[]',
  policies: 'STRUCT(all_policies VARCHAR[], enforced_policies VARCHAR[], pending_policies VARCHAR[])',
  num_flows: 'BIGINT',
  bytes_in: 'BIGINT',
  bytes_out: 'BIGINT',
};

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/**
 * Two statements: the flows of both layouts loaded into a temporary table, then the aggregation.
 * As one statement (plain or MATERIALIZED CTE) DuckDB 1.5 re-evaluates the JSON transform per
 * referenced field and runs 5–10× slower; the peer gets its best plan.
 */
export function peerQueries(dir: string): [load: string, aggregate: string] {
  const q = peerQuery(dir);
  const start = q.indexOf('WITH flows AS MATERIALIZED (') + 'WITH flows AS MATERIALIZED ('.length;
  const end = q.indexOf('),\ncounted');
  return [`CREATE TEMP TABLE flows AS ${q.slice(start, end)}`, `WITH ${q.slice(end + 3)}`];
}

function peerQuery(dir: string): string {
  const fluentBit = join(dir, 'cluster-a', 'flows', '*.gz');
  const fluentd = join(dir, 'cluster-a', 'flows2*.gz');
  const columns = Object.entries(FIELDS)
    .map(([k, t]) => `${k}: ${quote(t)}`)
    .join(', ');
  const jsonSchema = JSON.stringify(
    Object.fromEntries(
      Object.entries(FIELDS).map(([k, t]) => [
        k,
        t.replace(
          'STRUCT(all_policies VARCHAR[], enforced_policies VARCHAR[], pending_policies VARCHAR[])',
          '{"all_policies":"VARCHAR[]","enforced_policies":"VARCHAR[]","pending_policies":"VARCHAR[]"}',
        ),
      ]),
    ),
  )
    .replace(
      '"{\\"all_policies\\":\\"VARCHAR[]\\",\\"enforced_policies\\":\\"VARCHAR[]\\",\\"pending_policies\\":\\"VARCHAR[]\\"}"',
      '{"all_policies":["VARCHAR"],"enforced_policies":["VARCHAR"],"pending_policies":["VARCHAR"]}',
    )
    .replace(/"VARCHAR\[\]"/g, '["VARCHAR"]');
  const hitIndex = (h: string) => `TRY_CAST(split_part(${h}, '|', 1) AS INTEGER)`;
  return `
WITH flows AS MATERIALIZED (
  SELECT * FROM read_json(${quote(fluentBit)}, format = 'newline_delimited', columns = {${columns}})
  UNION ALL BY NAME
  SELECT unnest(json_transform(j, ${quote(jsonSchema)}))
  FROM read_csv(${quote(fluentd)}, delim = '\t', quote = '', escape = '', header = false, auto_detect = false,
                columns = {'ts': 'VARCHAR', 'tag': 'VARCHAR', 'j': 'VARCHAR'}, max_line_size = 1048576)
  WHERE tag IN ('flows', 'non-cluster-flows')
),
counted AS (
  SELECT *, reporter = 'src' AS egress,
    CASE WHEN reporter = 'src' THEN source_namespace ELSE dest_namespace END AS ns,
    coalesce(policies.enforced_policies,
             list_filter(policies.all_policies, h -> NOT (split_part(h, '|', 3) LIKE '%staged:%' OR regexp_matches(split_part(h, '|', 3), '^(sgnp|snp|sknp):')))) AS trace
  FROM flows
  WHERE action = 'allow'
    AND ((reporter = 'src' AND source_type = 'wep' AND coalesce(source_namespace, '-') NOT IN ('-', ''))
      OR (reporter = 'dst' AND dest_type = 'wep' AND coalesce(dest_namespace, '-') NOT IN ('-', '')))
),
decided AS (
  SELECT *, CASE WHEN trace IS NULL OR len(trace) = 0 THEN NULL
                 ELSE list_reduce(trace, (a, b) -> CASE WHEN ${hitIndex('b')} >= ${hitIndex('a')} THEN b ELSE a END) END AS decider
  FROM counted
),
unprotected AS (
  SELECT * FROM decided
  WHERE decider IS NULL
     OR ((split_part(decider, '|', 2) = '__PROFILE__' OR starts_with(split_part(decider, '|', 3), 'pro:')) AND split_part(decider, '|', 4) = 'allow')
),
peers AS (
  SELECT ns, egress, proto, dest_port, num_flows, bytes_in, bytes_out, start_time, end_time,
    CASE WHEN egress THEN dest_type ELSE source_type END AS ptype,
    coalesce(CASE WHEN egress THEN dest_namespace ELSE source_namespace END, '-') AS pns,
    CASE WHEN egress THEN dest_name_aggr ELSE source_name_aggr END AS paggr,
    list_filter(coalesce(dest_domains, []), d -> NOT ends_with(lower(d), '.svc.cluster.local')) AS domains,
    coalesce(dest_service_name, '-') AS svc, coalesce(dest_service_namespace, '-') AS svc_ns
  FROM unprotected WHERE proto IS NOT NULL
),
keyed AS (
  SELECT ns, CASE WHEN egress THEN 'egress' ELSE 'ingress' END AS direction, proto, dest_port,
    num_flows, bytes_in, bytes_out, start_time, end_time, domains,
    CASE
      WHEN ptype = 'ns' AND paggr NOT IN ('pub', 'pvt') AND NOT ends_with(paggr, '*')
        THEN 'NetworkSet:' || CASE WHEN pns IN ('-', '') THEN '(global)' ELSE pns END || '/' || paggr
      WHEN ptype = 'wep' AND pns NOT IN ('-', '') THEN 'Namespace:' || pns
      WHEN ptype = 'net' AND paggr = 'pvt' THEN 'Private'
      WHEN ptype = 'net' AND paggr = 'pub' AND egress AND len(domains) > 0 THEN 'Domains'
      WHEN ptype = 'net' AND paggr = 'pub' AND egress AND svc NOT IN ('-', '') AND svc_ns NOT IN ('-', '') THEN 'Service:' || svc_ns || '/' || svc
      WHEN ptype = 'net' AND paggr = 'pub' THEN 'Public'
    END AS peer
  FROM peers
),
grouped AS (
  SELECT ns, direction, peer, proto, dest_port,
    count(*) AS records, sum(coalesce(num_flows, 1)) AS flows, sum(coalesce(bytes_in, 0)) AS bytes_in,
    sum(coalesce(bytes_out, 0)) AS bytes_out, min(coalesce(start_time, end_time)) AS first_seen,
    max(coalesce(end_time, start_time)) AS last_seen, list_distinct(flatten(list(domains))) AS domains
  FROM keyed WHERE peer IS NOT NULL
  GROUP BY ALL
)
SELECT count(*) AS groups, sum(records) AS records, sum(flows) AS flows, sum(bytes_in) AS bytes_in, sum(bytes_out) AS bytes_out,
       min(first_seen) AS first_seen, max(last_seen) AS last_seen, sum(len(domains)) AS domains,
       count(DISTINCT ns) AS namespaces
FROM grouped`;
}

export interface PeerOutcome {
  readonly groups: number;
  readonly records: number;
  readonly namespaces: number;
  readonly threads: string;
  readonly version: string;
}

/** One fresh in-memory DuckDB per run (no cache carried between runs). */
export async function runPeer(dir: string): Promise<PeerOutcome> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const info = (await connection.runAndReadAll(`SELECT current_setting('threads') AS threads, version() AS version`)).getRowObjectsJson()[0] as Record<string, string>;
    const [load, aggregate] = peerQueries(dir);
    await connection.run(load);
    const row = (await connection.runAndReadAll(aggregate)).getRowObjectsJson()[0] as Record<string, string | number>;
    return { groups: Number(row.groups), records: Number(row.records), namespaces: Number(row.namespaces), threads: String(info.threads), version: String(info.version) };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
