export interface Row {
  readonly name: string;
  readonly ms: number;
  readonly cpuMs: number | null;
  readonly records: number;
  readonly compressedBytes: number;
  readonly decompressedBytes: number;
}

const MB = 1e6;

export function throughput(r: Row): { recordsPerSecond: number; compressedMBps: number; decompressedMBps: number } {
  const s = r.ms / 1000;
  return { recordsPerSecond: r.records / s, compressedMBps: r.compressedBytes / MB / s, decompressedMBps: r.decompressedBytes / MB / s };
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const fix = (n: number, d = 1): string => n.toFixed(d);

/** A fixed-width text table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function throughputTable(rows: readonly Row[]): string {
  return table(
    ['contender', 'wall s', 'cpu s', 'records/s', 'MB/s gz', 'MB/s text'],
    rows.map((r) => {
      const t = throughput(r);
      return [r.name, fix(r.ms / 1000, 2), r.cpuMs === null ? '-' : fix(r.cpuMs / 1000, 2), int(t.recordsPerSecond), fix(t.compressedMBps), fix(t.decompressedMBps)];
    }),
  );
}

export { fix, int };
