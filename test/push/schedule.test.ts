import { describe, expect, it } from 'vitest';
import type { Cluster, PushSummary } from '../../lib/app/cluster';
import { backoffSeconds, dueAt, jobState } from '../../lib/app/jobs/due';
import { InvocationError, parseInvocation } from '../../lib/app/jobs/invocation';
import { isFullReconcile } from '../../lib/app/push/schedule';
import { ConfigError } from '../../lib/config/env';
import { loadPushConfig } from '../../lib/config/push';

const NOW = 1_788_264_000; // 2026-09-01T12:00:00Z
const summary = (over: Partial<PushSummary> = {}): PushSummary => ({
  startedAt: '2026-09-01T11:58:00Z',
  durationMs: 1,
  applied: 0,
  deleted: 0,
  adopted: 0,
  consecutiveFailures: 0,
  runCount: 3,
  ...over,
});
const cluster = (lastPush?: PushSummary): Cluster => ({
  id: 'c',
  flowLogs: { bucket: 'b', prefix: '' },
  target: { directory: '/x' },
  clusterDomain: 'cluster.local',
  registeredAt: 0,
  ...(lastPush ? { lastPush } : {}),
});

describe('job schedule (one due check for processing and pushing)', () => {
  it.each([
    [0, 0],
    [1, 60],
    [2, 120],
    [5, 960],
    [6, 1800],
    [40, 1800],
  ])('backs off %i consecutive failures by %i s', (failures, seconds) => {
    expect(backoffSeconds(failures)).toBe(seconds);
  });

  it.each([
    ['never pushed', cluster(), 150, 'due'],
    ['interval elapsed (120 s of 150 s is not)', cluster(summary()), 150, 'not-due'],
    ['interval elapsed', cluster(summary({ startedAt: '2026-09-01T11:57:30Z' })), 150, 'due'],
    ['a few seconds of schedule jitter', cluster(summary({ startedAt: '2026-09-01T11:57:33Z' })), 150, 'due'],
    ['intervals under a minute act as a minute', cluster(summary({ startedAt: '2026-09-01T11:59:30Z' })), 30, 'not-due'],
    ['in backoff', cluster(summary({ startedAt: '2026-09-01T11:50:00Z', nextAttemptAt: NOW + 1 })), 150, 'backoff'],
  ] as const)('state: %s', (_, c, interval, expected) => {
    expect(jobState(c.lastPush, interval, NOW)).toBe(expected);
  });

  it('a forced run is always due, even in backoff', () => {
    expect(jobState(summary({ nextAttemptAt: NOW + 600 }), 150, NOW, true)).toBe('due');
  });

  it('orders the dispatch by the time each became due: never run first, backoff counts', () => {
    expect(dueAt(undefined, 150)).toBe(0);
    expect(dueAt(summary(), 150)).toBe(NOW - 120 + 150 - 5);
    expect(dueAt(summary({ nextAttemptAt: NOW + 900 }), 150)).toBe(NOW + 900);
  });

  it('reconciles everything on runs 1, 11, 21, when forced, and after a failed run', () => {
    const full = Array.from({ length: 22 }, (_, i) => i + 1).filter((n) => isFullReconcile(n, summary(), false));
    expect(full).toEqual([1, 11, 21]);
    expect(isFullReconcile(5, summary(), true)).toBe(true);
    expect(isFullReconcile(5, summary({ consecutiveFailures: 1 }), false)).toBe(true);
  });
});

describe('invocation events of processFlows and pushPolicies', () => {
  it.each([
    ['a scheduled EventBridge event', { source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} }, { kind: 'tick' }],
    ['an empty event', {}, { kind: 'tick' }],
    ['no event', undefined, { kind: 'tick' }],
    ['named clusters, forced', { clusters: ['a', 'b', 'a'], force: true }, { kind: 'manual', clusters: ['a', 'b'], force: true }],
    ['force alone', { force: true }, { kind: 'manual', force: true }],
    ['a cluster job', { job: { cluster: 'east', dispatch: '7f1c-22' } }, { kind: 'job', job: { cluster: 'east', dispatch: '7f1c-22' } }],
  ])('accepts %s', (_, event, expected) => {
    expect(parseInvocation(event)).toEqual(expected);
  });

  it.each([
    ['an unknown field', { cluster: 'a' }],
    ['a non-boolean force', { force: 'yes' }],
    ['invalid cluster ids', { clusters: ['Not An Id'] }],
    ['an array', []],
    ['a job with a hostile cluster id', { job: { cluster: '../etc', dispatch: 'x' } }],
    ['a job without dispatch', { job: { cluster: 'east' } }],
    ['a job with extra fields', { job: { cluster: 'east', dispatch: 'x', force: true } }],
    ['a job next to other fields', { job: { cluster: 'east', dispatch: 'x' }, force: true }],
    ['a job dispatch id with odd characters', { job: { cluster: 'east', dispatch: 'a b' } }],
  ])('refuses %s', (_, event) => {
    expect(() => parseInvocation(event)).toThrow(InvocationError);
  });
});

describe('push config', () => {
  it('has defaults: 10 s per call, 4 clusters at a time, lease above the 300 s Lambda timeout', () => {
    expect(loadPushConfig({})).toEqual({ callTimeoutMs: 10_000, parallelism: 4, leaseSeconds: 330, timeMarginMs: 60_000, secretCacheSeconds: 300 });
  });

  it('fails fast on invalid values and on a time margin shorter than one call', () => {
    expect(() => loadPushConfig({ PUSH_PARALLELISM: '0' })).toThrow(ConfigError);
    expect(() => loadPushConfig({ PUSH_CALL_TIMEOUT_MS: '30000', PUSH_TIME_MARGIN_MS: '20000' })).toThrow(/at least PUSH_CALL_TIMEOUT_MS/);
  });
});
