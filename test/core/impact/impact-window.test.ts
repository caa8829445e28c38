import { describe, expect, it } from 'vitest';
import type { Recommendation } from '../../../lib/core/engine';
import { foldImpact, readinessOf, requestEnforcement, WouldDenyError, type Impact } from '../../../lib/core/impact';
import type { ImpactDelta } from '../../../lib/core/impact';
import { InvalidTransitionError } from '../../../lib/core/engine';

const RULES_AT = '2026-09-01T12:00:00Z';
const CHANGE = 1_788_264_000;
const SETTLE = 150;
const STABILIZATION = 600;

function delta(buckets: [bucket: number, flows: number, deny: number][], examples: [key: string, start: number][] = []): ImpactDelta {
  return {
    buckets: new Map(buckets.map(([b, flows, denyFlows]) => [b, { flows, denyFlows, denyLastSeen: denyFlows > 0 ? b * 300 + 300 : 0 }])),
    examples: new Map(examples.map(([k, start]) => [k, { start, end: start + 300 }])),
    lastBucket: -1,
    last: undefined,
  };
}

const rec = (o: Partial<Recommendation> = {}): Recommendation => ({
  namespace: 'shop',
  stagedAction: 'Set',
  enforced: false,
  status: 'Stable',
  lastUpdated: RULES_AT,
  egress: [],
  ingress: [],
  warnings: [],
  ...o,
});
/** The 5-minute bucket of a flow that started this long after the rule change. */
const bucket = (secondsAfterChange: number) => Math.floor((CHANGE + secondsAfterChange) / 300);

describe('foldImpact: the window of the current rules', () => {
  it('counts only buckets that start inside the window (one interval after the rule change)', () => {
    const d = delta(
      [
        [bucket(0), 5, 5],
        [bucket(300), 3, 0],
        [bucket(600), 4, 1],
      ],
      [
        ['egress|TCP|00080|public', CHANGE],
        ['egress|TCP|00443|public', CHANGE + SETTLE + 60],
      ],
    );
    expect(foldImpact(undefined, RULES_AT, SETTLE, d)).toEqual({
      rulesAt: RULES_AT,
      since: CHANGE + SETTLE,
      flowsObserved: 7,
      firstObserved: CHANGE + 300,
      wouldDenyFlows: 1,
      wouldDenyLastSeen: CHANGE + 900,
      examples: [{ direction: 'egress', peer: 'public', protocol: 'TCP', port: 443 }],
    });
  });

  it('nothing in the window, or no delta: nothing to write', () => {
    expect(foldImpact(undefined, RULES_AT, SETTLE, delta([[bucket(0), 5, 5]]))).toBeUndefined();
    expect(foldImpact(undefined, RULES_AT, SETTLE, undefined)).toBeUndefined();
  });

  it('adds to a window of the same rules and replaces one of older rules; examples stay at most 10', () => {
    const keys = Array.from({ length: 12 }, (_, i) => [`ingress|UDP|${String(i).padStart(5, '0')}|x`, CHANGE + 200] as [string, number]);
    const previous: Impact = { rulesAt: RULES_AT, since: CHANGE + SETTLE, flowsObserved: 10, firstObserved: CHANGE + 180, wouldDenyFlows: 0, wouldDenyLastSeen: 0, examples: [] };
    const next = foldImpact(previous, RULES_AT, SETTLE, delta([[bucket(400), 2, 2]], keys))!;
    expect(next).toMatchObject({ flowsObserved: 12, wouldDenyFlows: 2, firstObserved: CHANGE + 180 });
    expect(next.examples).toHaveLength(10);
    const older = { ...previous, rulesAt: '2026-09-01T11:00:00Z' };
    expect(foldImpact(older, RULES_AT, SETTLE, delta([[bucket(400), 2, 0]]))).toMatchObject({ flowsObserved: 2, firstObserved: CHANGE + 300 });
  });
});

describe('readiness with an injected clock', () => {
  const observed: Impact = { rulesAt: RULES_AT, since: CHANGE + SETTLE, flowsObserved: 4, firstObserved: CHANGE + 300, wouldDenyFlows: 0, wouldDenyLastSeen: 0, examples: [] };
  it.each([
    ['no impact item', undefined, CHANGE + 5000, 'NotObserved'],
    ['an item of older rules', { ...observed, rulesAt: '2026-09-01T11:00:00Z' }, CHANGE + 5000, 'NotObserved'],
    ['observed for less than the stabilization period', observed, CHANGE + 300 + STABILIZATION - 1, 'Observing'],
    ['observed for the stabilization period', observed, CHANGE + 300 + STABILIZATION, 'ReadyToEnforce'],
    ['a would-deny flow in the window', { ...observed, wouldDenyFlows: 1 }, CHANGE + 5000, 'WouldDeny'],
  ] as const)('%s → %s', (_, impact, now, expected) => {
    expect(readinessOf(rec(), impact, STABILIZATION, now)).toBe(expected);
  });
});

describe('requestEnforcement', () => {
  const ready = { readiness: 'ReadyToEnforce' as const, wouldDenyFlows: 0 };
  const denies = { readiness: 'WouldDeny' as const, wouldDenyFlows: 3 };
  const now = '2026-09-01T13:00:00Z';

  it('from active: records the request; the board shows it enforced; repeating is a no-op', () => {
    const { changed, rec: next } = requestEnforcement(rec(), ready, { force: false, now });
    expect(changed).toBe(true);
    expect(next.enforcement).toEqual({ requestedAt: now, forced: false });
    expect(requestEnforcement(next, ready, { force: false, now }).changed).toBe(false);
  });

  it('WouldDeny refuses unless forced; other tabs refuse', () => {
    expect(() => requestEnforcement(rec(), denies, { force: false, now })).toThrow(WouldDenyError);
    expect(requestEnforcement(rec(), denies, { force: true, now }).rec.enforcement).toEqual({ requestedAt: now, forced: true });
    expect(() => requestEnforcement(rec({ stagedAction: 'Learn' }), ready, { force: true, now })).toThrow(InvalidTransitionError);
    expect(() => requestEnforcement(rec({ stagedAction: 'Ignore' }), ready, { force: true, now })).toThrow(InvalidTransitionError);
  });
});
