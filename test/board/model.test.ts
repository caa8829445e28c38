import { describe, expect, it } from 'vitest';
import { ApiError } from '../../board/src/api/client';
import { decodeClaims, isExpired, roleOf } from '../../board/src/auth/token';
import { actionsFor, countByTab, filterRows, keepSelection, sortRows } from '../../board/src/model/board';
import { clusterHealth, emptyReason } from '../../board/src/model/cluster';
import { problemNotice } from '../../board/src/model/notice';
import { groupRules, peerText } from '../../board/src/model/rules';
import { fieldErrors, formFromScope, localErrors, toPatch } from '../../board/src/model/settings';
import { buildTrafficMap } from '../../board/src/model/traffic';
import { cluster, details, NOW, scope, summary, token } from './fixtures';

describe('board view model', () => {
  const rows = [
    summary('shop', { ruleCounts: { egress: 5, ingress: 1 } }),
    summary('cart', { tab: 'active', stagedAction: 'Set', warnings: ['MaxRulesExceeded'] }),
    summary('api', { status: 'Learning' }),
    summary('old', { tab: 'dismissed', stagedAction: 'Ignore' }),
  ];

  it('counts every tab, empty ones as 0', () => {
    expect(countByTab(rows)).toEqual({ recommendations: 2, active: 1, dismissed: 1, enforced: 0 });
  });

  it('offers the actions Calico offers per tab, and Enforce only where the server reports readiness', () => {
    expect(actionsFor('recommendations', rows)).toEqual(['activate', 'dismiss']);
    expect(actionsFor('active', rows)).toEqual(['dismiss']);
    expect(actionsFor('active', [summary('cart', { tab: 'active', readiness: 'ReadyToEnforce' })])).toEqual(['enforce', 'dismiss']);
    expect(actionsFor('dismissed', rows)).toEqual(['reactivate']);
    expect(actionsFor('enforced', rows)).toEqual([]);
  });

  it('sorts by any column with the namespace breaking ties, and filters on namespace, status and warnings', () => {
    expect(sortRows(rows, { key: 'namespace', descending: false }).map((r) => r.namespace)).toEqual(['api', 'cart', 'old', 'shop']);
    expect(sortRows(rows, { key: 'rules', descending: true }).map((r) => r.namespace)).toEqual(['shop', 'api', 'cart', 'old']);
    expect(filterRows(rows, 'LEARN').map((r) => r.namespace)).toEqual(['api']);
    expect(filterRows(rows, 'maxrules').map((r) => r.namespace)).toEqual(['cart']);
  });

  it('keeps the selection across a refresh, minus namespaces that left the tab', () => {
    expect([...keepSelection(new Set(['shop', 'gone']), rows)]).toEqual(['shop']);
  });
});

describe('clusters and empty states', () => {
  it('summarises a healthy cluster and names the error of a failing one', () => {
    const ok = clusterHealth(cluster(), NOW);
    expect(ok).toMatchObject({ ok: true, backlog: '2 objects waiting' });
    expect(ok.run).toBe('2 min ago: 60 of 100 records used, 1 rejected, 2 namespaces changed');
    const failing = clusterHealth(
      cluster({ lastPush: { startedAt: '2026-12-02T11:59:00Z', durationMs: 1, applied: 0, deleted: 0, error: 'connect ECONNREFUSED', consecutiveFailures: 3 } }),
      NOW,
    );
    expect(failing.ok).toBe(false);
    expect(failing.errors).toEqual(['Push failed: connect ECONNREFUSED (3 failures in a row)']);
  });

  it('explains why a tab is empty: disabled, no flow logs, everything already decided by policies', () => {
    expect(emptyReason('recommendations', cluster(), scope({ recStatus: 'Disabled' }), '')).toMatch(/disabled .*Global settings/);
    expect(emptyReason('recommendations', cluster({ lastRun: null }), scope(), '')).toMatch(/No flow logs .*s3:\/\/logs\/demo/);
    const decided = cluster({
      lastRun: { startedAt: '2026-12-02T11:58:00Z', durationMs: 1, stats: { recordsRead: 50, recordsUsed: 0, rejected: {}, skipped: { protected: 40, deny: 10 } } },
    });
    expect(emptyReason('recommendations', decided, scope(), '')).toMatch(/already decided by existing policies \(50 records/);
    expect(emptyReason('active', cluster(), scope(), '')).toMatch(/Add to policy board/);
    expect(emptyReason('dismissed', cluster(), scope(), 'zz')).toBe('No namespace in this tab matches “zz”.');
  });
});

describe('details and traffic map', () => {
  it('groups rules by kind in the board order and names their peers', () => {
    const groups = groupRules(details('shop'));
    expect(groups.map((g) => g.label)).toEqual(['Domains', 'Service', 'Namespace']);
    expect(groups.map((g) => peerText(g.rules[0]!))).toEqual(['api.stripe.com', 'service frontend/web', 'namespace payments']);
  });

  it('draws a node per namespace, external peers grouped, an edge per rule direction', () => {
    const map = buildTrafficMap(['shop', 'payments', 'frontend'], [details('shop')]);
    expect(map.nodes.map((n) => n.id).sort()).toEqual(['ext:domains', 'ns:frontend', 'ns:payments', 'ns:shop']);
    expect(map.edges).toEqual([
      { from: 'ns:frontend', to: 'ns:shop' },
      { from: 'ns:shop', to: 'ext:domains' },
      { from: 'ns:shop', to: 'ns:payments' },
    ]);
    for (const n of map.nodes) expect(n.x >= 0 && n.x <= map.width && n.y >= 0 && n.y <= map.height).toBe(true);
  });
});

describe('Global settings form', () => {
  it('sends only what changed, as a merge patch', () => {
    const before = scope();
    const form = { ...formFromScope(before), interval: '45s', recStatus: 'Disabled' as const };
    expect(toPatch(before, form)).toEqual({ interval: '45s', namespaceSpec: { recStatus: 'Disabled' } });
    expect(toPatch(before, formFromScope(before))).toEqual({});
  });

  it('catches malformed durations and numbers before asking the server', () => {
    expect(localErrors({ ...formFromScope(scope()), interval: 'soon', maxRules: '2x' })).toEqual({
      interval: 'must be a duration such as "30s", "2m30s" or "1h"',
      maxRules: 'must be a whole number',
    });
  });

  it("puts the API's 400 at its field: the scope check's field, or request validation's paths", () => {
    const scopeError = new ApiError(400, 'InvalidScope', 'namespaceSpec.selector: expected a string literal at position 5', { field: 'namespaceSpec.selector' });
    expect(fieldErrors(scopeError)).toEqual({ fields: { selector: 'expected a string literal at position 5' } });
    const validation = new ApiError(400, 'ValidationError', 'invalid request', [{ path: 'maxRules', message: 'Expected number' }]);
    expect(fieldErrors(validation)).toEqual({ fields: { maxRules: 'Expected number' } });
    expect(fieldErrors(new ApiError(409, 'TierChangeRefused', 'no'))).toEqual({ fields: {}, general: 'no' });
  });

  it('says a 409 means someone else changed it', () => {
    expect(problemNotice(new ApiError(409, 'ConcurrentModification', 'changed concurrently'), ['shop']).text).toMatch(/^Someone else changed shop/);
  });
});

describe('token', () => {
  it('reads the role from whichever claim carries it, and notices expiry', () => {
    expect(roleOf(decodeClaims(token({ groups: ['policy-recommender-admin'] })))).toBe('admin');
    expect(roleOf(decodeClaims(token({ 'cognito:groups': ['policy-recommender-viewer'] })))).toBe('viewer');
    expect(roleOf(decodeClaims(token({})))).toBe('none');
    expect(isExpired(decodeClaims(token({ exp: 100 })), 101)).toBe(true);
    expect(isExpired(decodeClaims(token({ exp: 200 })), 101)).toBe(false);
    expect(isExpired(decodeClaims('garbage'), 0)).toBe(true);
  });
});

describe('OIDC', () => {
  it('derives the PKCE S256 challenge as RFC 7636 appendix B does', async () => {
    const { codeChallenge } = await import('../../board/src/auth/oidc');
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });
});
