import { afterEach, describe, expect, it, vi } from 'vitest';
import { portLogger, runLogger } from '../../lib/observability/logger';

/** Log lines are JSON with the run's correlation id, the cluster as a key, and only the fields given. */
describe('the project logger', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes one JSON line per call carrying runId and cluster', () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
    const base = runLogger('run-42');
    base.setLogLevel('INFO');
    portLogger(base).info('cluster pushed', { cluster: 'prod', applied: 3 });
    const entries = lines
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ level: 'INFO', message: 'cluster pushed', service: 'policy-recommender', runId: 'run-42', cluster: 'prod', applied: 3 });
  });
});
