import { describe, expect, it } from 'vitest';
import { parseSelector } from '../../../lib/core/selector';

type Labels = Record<string, string>;
type Case = readonly [selector: string, labels: Labels, expected: boolean];

function expectCases(cases: readonly Case[]): void {
  for (const [selector, labels, expected] of cases) {
    expect(parseSelector(selector).matches(labels), `${selector} against ${JSON.stringify(labels)}`).toBe(expected);
  }
}

describe('selector evaluation: label operators', () => {
  it('== matches only the exact value and never an absent label', () => {
    expectCases([
      ['app == "web"', { app: 'web' }, true],
      ['app == "web"', { app: 'webx' }, false],
      ['app == "web"', { app: '' }, false],
      ['app == "web"', {}, false],
      ['app == ""', { app: '' }, true],
      ['app == ""', {}, false],
    ]);
  });

  it('!= matches a different value and an absent label, not the same value', () => {
    expectCases([
      ['app != "web"', { app: 'db' }, true],
      ['app != "web"', { app: 'web' }, false],
      ['app != "web"', {}, true],
      ['app != "web"', { other: 'web' }, true],
    ]);
  });

  it('in matches members only and never an absent label; the empty set matches nothing', () => {
    expectCases([
      ['tier in {"a", "b"}', { tier: 'a' }, true],
      ['tier in {"a", "b"}', { tier: 'b' }, true],
      ['tier in {"a", "b"}', { tier: 'c' }, false],
      ['tier in {"a", "b"}', {}, false],
      ['tier in {}', { tier: '' }, false],
      ['tier in {}', {}, false],
    ]);
  });

  it('not in matches non-members and an absent label; the empty set matches everything', () => {
    expectCases([
      ['tier not in {"a", "b"}', { tier: 'c' }, true],
      ['tier not in {"a", "b"}', { tier: 'a' }, false],
      ['tier not in {"a", "b"}', {}, true],
      ['tier not in {}', { tier: 'x' }, true],
      ['tier not in {}', {}, true],
    ]);
  });

  it('has() is true exactly when the label is present, whatever its value', () => {
    expectCases([
      ['has(app)', { app: 'web' }, true],
      ['has(app)', { app: '' }, true],
      ['has(app)', {}, false],
      ['!has(app)', {}, true],
      ['!has(app)', { app: '' }, false],
    ]);
  });

  it('contains / starts with / ends with test substrings and fail on an absent label', () => {
    expectCases([
      ['n contains "ub"', { n: 'kube-system' }, true],
      ['n contains "xyz"', { n: 'kube-system' }, false],
      ['n contains ""', { n: '' }, true],
      ['n contains "ub"', {}, false],
      ['n starts with "kube-"', { n: 'kube-system' }, true],
      ['n starts with "kube-"', { n: 'my-kube-x' }, false],
      ['n starts with "kube-"', {}, false],
      ['n startswith "kube-"', { n: 'kube-system' }, true],
      ['n ends with "-system"', { n: 'kube-system' }, true],
      ['n ends with "-system"', { n: 'kube-systems' }, false],
      ['n ends with "-system"', {}, false],
      ['n endswith "-system"', { n: 'kube-system' }, true],
    ]);
  });

  it('all(), global() and the empty selector match every label set, including the empty one', () => {
    expectCases([
      ['all()', {}, true],
      ['all()', { a: 'b' }, true],
      ['global()', {}, true],
      ['global()', { a: 'b' }, true],
      ['', {}, true],
      [' \t ', { a: 'b' }, true],
      ['!all()', {}, false],
      ['!global()', { a: 'b' }, false],
    ]);
  });

  it('compares case-sensitively and without trimming', () => {
    expectCases([
      ['app == "Web"', { app: 'web' }, false],
      ['App == "web"', { app: 'web' }, false],
      ['app == " web"', { app: 'web' }, false],
    ]);
  });

  it('looks up own labels only, so keys like constructor/toString are not found on the prototype', () => {
    expectCases([
      ['has(constructor)', {}, false],
      ['has(toString)', {}, false],
      ['constructor != "x"', {}, true],
      ['has(constructor)', { constructor: 'y' }, true],
    ]);
  });
});

describe('selector evaluation: boolean structure', () => {
  it('! negates any expression, and repeated ! alternates', () => {
    expectCases([
      ['!app == "web"', { app: 'web' }, false],
      ['!app == "web"', { app: 'db' }, true],
      ['!app == "web"', {}, true],
      ['!!has(a)', { a: '1' }, true],
      ['!!has(a)', {}, false],
      ['!!!has(a)', { a: '1' }, false],
      ['!(has(a) && has(b))', { a: '1' }, true],
      ['!(has(a) && has(b))', { a: '1', b: '2' }, false],
      ['!(!(has(a)))', { a: '1' }, true],
    ]);
  });

  it('&& requires every operand and || any operand', () => {
    expectCases([
      ['has(a) && has(b)', { a: '1', b: '2' }, true],
      ['has(a) && has(b)', { a: '1' }, false],
      ['has(a) && has(b) && has(c)', { a: '1', b: '2' }, false],
      ['has(a) || has(b)', { b: '2' }, true],
      ['has(a) || has(b)', {}, false],
      ['has(a) || has(b) || has(c)', { c: '3' }, true],
    ]);
  });

  it('&& binds tighter than ||, and parentheses override it', () => {
    // With {a}: a || (b && c) is true, (a || b) && c is false.
    expectCases([
      ['has(a) || has(b) && has(c)', { a: '1' }, true],
      ['(has(a) || has(b)) && has(c)', { a: '1' }, false],
      ['has(b) && has(c) || has(a)', { a: '1' }, true],
      ['has(b) && (has(c) || has(a))', { a: '1' }, false],
    ]);
  });

  it('! applies to the operation right after it, not to the rest of an && chain', () => {
    expectCases([
      ['!has(a) && has(b)', { b: '1' }, true],
      ['!has(a) && has(b)', { a: '1', b: '1' }, false],
      ['!(has(a) && has(b))', { b: '1' }, true],
    ]);
  });
});

describe('default scope selector', () => {
  const DEFAULT =
    '(!projectcalico.org/name starts with "tigera-" && !projectcalico.org/name starts with "calico-" && ' +
    '!projectcalico.org/name starts with "kube-" && !projectcalico.org/name starts with "openshift-")';

  it('selects an application namespace such as shop', () => {
    expect(parseSelector(DEFAULT).matches({ 'projectcalico.org/name': 'shop' })).toBe(true);
  });

  it('excludes kube-system and the other platform prefixes', () => {
    const selector = parseSelector(DEFAULT);
    for (const name of ['kube-system', 'tigera-operator', 'calico-system', 'openshift-dns']) {
      expect(selector.matches({ 'projectcalico.org/name': name }), name).toBe(false);
    }
  });

  it('selects a namespace whose name only contains a platform prefix later on', () => {
    expect(parseSelector(DEFAULT).matches({ 'projectcalico.org/name': 'my-kube-tools' })).toBe(true);
  });

  it('is already in canonical form', () => {
    expect(parseSelector(DEFAULT).toString()).toBe(DEFAULT);
  });
});
