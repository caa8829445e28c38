import { describe, expect, it } from 'vitest';
import { parsePolicyHit } from '../../../lib/core/flowlog/policy-hit';
import { decidingHit, isUnprotected } from '../../../lib/core/flowlog/policy-trace';
import { parseRecord } from '../../../lib/core/flowlog/parse-record';
import type { PolicyTrace } from '../../../lib/core/flowlog/record';

/** The trace parseRecord builds for a `policies` JSON object. */
function trace(policies: Record<string, string[]>): PolicyTrace {
  const r = parseRecord({ policies });
  if (!r.ok || r.record.policies === null) throw new Error('expected a trace');
  return r.record.policies;
}

describe('parsePolicyHit: every generation of hit strings', () => {
  it.each([
    // legacy 4-part (oldest releases, no rule index)
    ['0|default|default.allow-dns|allow', { index: 0, tier: 'default', name: 'default.allow-dns', action: 'allow', staged: false, profile: false }],
    ['3|security|shop/security.deny-all|deny', { index: 3, tier: 'security', name: 'shop/security.deny-all', action: 'deny', staged: false, profile: false }],
    // legacy 5-part with rule index, including -1 (tier default action) and -2 (unknown)
    ['1|platform|platform.pass-to-app|pass|2', { index: 1, tier: 'platform', name: 'platform.pass-to-app', action: 'pass', staged: false, profile: false }],
    ['2|default|shop/knp.default.web|deny|-1', { index: 2, tier: 'default', name: 'shop/knp.default.web', action: 'deny', staged: false, profile: false }],
    ['2|default|shop/default.x|allow|-2', { index: 2, tier: 'default', name: 'shop/default.x', action: 'allow', staged: false, profile: false }],
    // legacy staged names
    ['0|default|shop/default.staged:allow-web|allow|0', { index: 0, tier: 'default', name: 'shop/default.staged:allow-web', action: 'allow', staged: true, profile: false }],
    ['0|security|security.staged:global|deny|1', { index: 0, tier: 'security', name: 'security.staged:global', action: 'deny', staged: true, profile: false }],
    ['0|default|shop/staged:knp.default.web|allow|0', { index: 0, tier: 'default', name: 'shop/staged:knp.default.web', action: 'allow', staged: true, profile: false }],
    // legacy profile
    ['4|__PROFILE__|__PROFILE__.kns.shop|allow', { index: 4, tier: '__PROFILE__', name: '__PROFILE__.kns.shop', action: 'allow', staged: false, profile: true }],
    // modern kinds
    ['0|default|np:shop/default.allow-web|allow|0', { index: 0, tier: 'default', name: 'np:shop/default.allow-web', action: 'allow', staged: false, profile: false }],
    ['0|security|gnp:security.block|deny|0', { index: 0, tier: 'security', name: 'gnp:security.block', action: 'deny', staged: false, profile: false }],
    ['0|default|knp:shop/web|allow|0', { index: 0, tier: 'default', name: 'knp:shop/web', action: 'allow', staged: false, profile: false }],
    ['0|adminnetworkpolicy|kanp:a|pass|0', { index: 0, tier: 'adminnetworkpolicy', name: 'kanp:a', action: 'pass', staged: false, profile: false }],
    ['0|baselineadminnetworkpolicy|kbanp:default|allow|0', { index: 0, tier: 'baselineadminnetworkpolicy', name: 'kbanp:default', action: 'allow', staged: false, profile: false }],
    ['0|kube-admin|kcnp:x|allow|0', { index: 0, tier: 'kube-admin', name: 'kcnp:x', action: 'allow', staged: false, profile: false }],
    ['5|default|eot:default|deny|-1', { index: 5, tier: 'default', name: 'eot:default', action: 'deny', staged: false, profile: false }],
    ['0|__PROFILE__|pro:kns.shop|allow|0', { index: 0, tier: '__PROFILE__', name: 'pro:kns.shop', action: 'allow', staged: false, profile: true }],
    ['0|weird-tier|pro:kns.shop|allow|0', { index: 0, tier: 'weird-tier', name: 'pro:kns.shop', action: 'allow', staged: false, profile: true }],
    // modern staged kinds
    [
      '0|namespace-isolation|snp:shop/namespace-isolation.shop-recommendation|allow|1',
      { index: 0, tier: 'namespace-isolation', name: 'snp:shop/namespace-isolation.shop-recommendation', action: 'allow', staged: true, profile: false },
    ],
    ['0|security|sgnp:security.block|deny|0', { index: 0, tier: 'security', name: 'sgnp:security.block', action: 'deny', staged: true, profile: false }],
    ['0|default|sknp:shop/web|allow|0', { index: 0, tier: 'default', name: 'sknp:shop/web', action: 'allow', staged: true, profile: false }],
  ])('parses %j', (input, expected) => {
    expect(parsePolicyHit(input)).toStrictEqual(expected);
  });

  it.each([
    [''],
    ['garbage'],
    ['0|default|x'],
    ['|default|x|allow'],
    ['a|default|x|allow'],
    ['-1|default|x|allow'],
    ['0||x|allow'],
    ['0|default||allow'],
    ['0|default|x|'],
    ['0|default|x|Allow'],
    ['0|default|x|log'],
    ['0|default|x|allow|'],
    ['0|default|x|allow|one'],
    ['0|default|x|allow|-'],
    ['0|default|x|allow|1|2'],
    ['1.5|default|x|allow'],
    ['9999999999|default|x|allow'],
  ])('rejects %j', (input) => {
    expect(parsePolicyHit(input)).toBeUndefined();
  });
});

describe('decidingHit and isUnprotected (docs/engine.md)', () => {
  it('treats a record without policy information as unprotected', () => {
    expect(isUnprotected(null)).toBe(true);
  });

  it('all-only: a profile allow decides → unprotected', () => {
    const t = trace({ all_policies: ['0|__PROFILE__|__PROFILE__.kns.shop|allow|0'] });
    expect(decidingHit(t)?.name).toBe('__PROFILE__.kns.shop');
    expect(isUnprotected(t)).toBe(true);
  });

  it('all-only: an enforced policy allow decides → protected', () => {
    const t = trace({ all_policies: ['0|default|shop/default.allow-web|allow|0'] });
    expect(isUnprotected(t)).toBe(false);
  });

  it('all-only legacy 4-part: a pass then a profile allow → unprotected', () => {
    const t = trace({ all_policies: ['0|platform|platform.to-app|pass', '1|__PROFILE__|__PROFILE__.kns.shop|allow'] });
    expect(decidingHit(t)?.index).toBe(1);
    expect(isUnprotected(t)).toBe(true);
  });

  it('all-only: staged hits are removed, so a staged allow ahead of the profile does not protect', () => {
    const t = trace({
      all_policies: ['1|__PROFILE__|__PROFILE__.kns.shop|allow|0', '0|default|shop/default.staged:allow-web|allow|0', '2|default|shop/default.staged:deny|deny|0'],
    });
    expect(decidingHit(t)?.profile).toBe(true);
    expect(isUnprotected(t)).toBe(true);
  });

  it.each(['snp:shop/namespace-isolation.shop-recommendation', 'sgnp:security.block', 'sknp:shop/web'])('all-only: a modern staged %s hit after the profile is ignored', (name) => {
    const t = trace({ all_policies: ['0|__PROFILE__|pro:kns.shop|allow|0', `1|namespace-isolation|${name}|deny|0`] });
    expect(decidingHit(t)?.name).toBe('pro:kns.shop');
    expect(isUnprotected(t)).toBe(true);
  });

  it('all-only with only staged hits: nothing decides → unprotected', () => {
    const t = trace({ all_policies: ['0|default|snp:shop/x|allow|0'] });
    expect(decidingHit(t)).toBeUndefined();
    expect(isUnprotected(t)).toBe(true);
  });

  it('unordered indexes: the highest index decides, not the last array entry', () => {
    const t = trace({ all_policies: ['2|__PROFILE__|__PROFILE__.kns.shop|allow|0', '0|platform|platform.p|pass|0', '1|app|shop/app.x|pass|-1'] });
    expect(decidingHit(t)?.index).toBe(2);
    expect(isUnprotected(t)).toBe(true);
    const t2 = trace({ all_policies: ['2|default|np:shop/default.allow|allow|0', '0|platform|gnp:platform.p|pass|0', '1|__PROFILE__|pro:kns.shop|allow|0'] });
    expect(decidingHit(t2)?.name).toBe('np:shop/default.allow');
    expect(isUnprotected(t2)).toBe(false);
  });

  it('enforced+pending: enforced decides; a pending (staged) policy does not protect', () => {
    const t = trace({
      all_policies: ['0|default|np:shop/default.allow-web|allow|0'],
      enforced_policies: ['0|__PROFILE__|pro:kns.shop|allow|0'],
      pending_policies: ['0|namespace-isolation|snp:shop/namespace-isolation.shop-recommendation|allow|1'],
    });
    expect(decidingHit(t)?.name).toBe('pro:kns.shop');
    expect(isUnprotected(t)).toBe(true);
  });

  it('enforced without all (late 2025+): an enforced policy decides → protected (docs/flow-logs.md)', () => {
    const t = trace({ enforced_policies: ['0|default|np:shop/default.allow-web|allow|0'] });
    expect(isUnprotected(t)).toBe(false);
  });

  it('enforced list present but empty: nothing enforced decided → unprotected, all is not consulted', () => {
    const t = trace({ all_policies: ['0|default|np:shop/default.allow-web|allow|0'], enforced_policies: [] });
    expect(decidingHit(t)).toBeUndefined();
    expect(isUnprotected(t)).toBe(true);
  });

  it('pending only: no enforced information → unprotected', () => {
    const t = trace({ pending_policies: ['0|default|snp:shop/x|allow|0'] });
    expect(isUnprotected(t)).toBe(true);
  });

  it('a profile deny is not an unprotected allow', () => {
    const t = trace({ all_policies: ['0|__PROFILE__|__PROFILE__.kns.shop|deny|0'] });
    expect(isUnprotected(t)).toBe(false);
  });

  it('a policy named like a profile in another tier is not a profile', () => {
    const t = trace({ all_policies: ['0|default|default.profile-like|allow|0'] });
    expect(isUnprotected(t)).toBe(false);
  });
});
