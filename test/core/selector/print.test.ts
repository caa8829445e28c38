import { describe, expect, it } from 'vitest';
import { evaluateSelector, MAX_SELECTOR_LENGTH, parseSelector, printSelector, type ComparisonOperator, type SelectorNode, type SetOperator } from '../../../lib/core/selector';

/** [input, canonical form]. Every canonical form must also be a fixed point of parse → print. */
const CANONICAL: readonly (readonly [string, string])[] = [
  ['', 'all()'],
  ['   ', 'all()'],
  ['\t', 'all()'],
  ['all()', 'all()'],
  ['all( )', 'all()'],
  ['global()', 'global()'],
  ['global(\t)', 'global()'],
  ['has(a)', 'has(a)'],
  ['has(  a  )', 'has(a)'],
  ['! (has( b)||! has(a ))', '!(has(b) || !has(a))'],
  ['a=="b"', 'a == "b"'],
  ["a == 'b'", 'a == "b"'],
  ['a!="b"', 'a != "b"'],
  [`a == '"'`, `a == '"'`],
  [`a == "it's"`, `a == "it's"`],
  ['a == ""', 'a == ""'],
  ['a contains "x"', 'a contains "x"'],
  ['a startswith "x"', 'a starts with "x"'],
  ['a starts   with "x"', 'a starts with "x"'],
  [`a startswith '"'`, `a starts with '"'`],
  ['a endswith "x"', 'a ends with "x"'],
  ['a ends with "x"', 'a ends with "x"'],
  ['a in {"z", "z", "x", "a"}', 'a in {"a", "x", "z"}'],
  ['a in {}', 'a in {}'],
  ['a in{"b",}', 'a in {"b"}'],
  ['a notin {"b"}', 'a not in {"b"}'],
  [`a not in {'"', "'", "B", "a"}`, `a not in {'"', "'", "B", "a"}`],
  ['a == "b" || c == "d" && e == "f"', '(a == "b" || (c == "d" && e == "f"))'],
  ['a == "b" && c == "d" && e == "f"', '(a == "b" && c == "d" && e == "f")'],
  ['(a == "b" && c == "d") && e == "f"', '((a == "b" && c == "d") && e == "f")'],
  ['((((has(a)))))', 'has(a)'],
  ['!a == "b"', '!a == "b"'],
  ['!(a == "b")', '!a == "b"'],
  ['!!has(a)', 'has(a)'],
  ['!!!has(a)', '!has(a)'],
  ['!(!has(a))', 'has(a)'],
  ['!(has(a) || has(b)) && !global()', '(!(has(a) || has(b)) && !global())'],
  ['in == "x"', 'in == "x"'],
  ['has == "x" && all == "y"', '(has == "x" && all == "y")'],
  ['projectcalico.org/name == "shop"', 'projectcalico.org/name == "shop"'],
  ['app.kubernetes.io/part-of in {"b", "a"} || !has(x_y.z)', '(app.kubernetes.io/part-of in {"a", "b"} || !has(x_y.z))'],
  ['a == "ü 😀"', 'a == "ü 😀"'],
  ['a == "&& || ( ) { } , !"', 'a == "&& || ( ) { } , !"'],
];

describe('canonical printing', () => {
  it.each(CANONICAL)('prints %j as %j', (input, canonical) => {
    expect(parseSelector(input).toString()).toBe(canonical);
  });

  it.each(CANONICAL)('re-parsing the canonical form of %j yields the same canonical form', (input) => {
    const canonical = parseSelector(input).toString();
    expect(parseSelector(canonical).toString()).toBe(canonical);
  });

  it('cancels double negation even in a hand-built AST, so printing stays a fixed point', () => {
    const node: SelectorNode = { kind: 'not', operand: { kind: 'not', operand: { kind: 'has', key: 'a' } } };
    expect(printSelector(node)).toBe('has(a)');
  });

  it('sorts and de-duplicates set members of a hand-built AST', () => {
    const node: SelectorNode = { kind: 'set', operator: 'in', key: 'a', values: ['b', 'a', 'b'] };
    expect(printSelector(node)).toBe('a in {"a", "b"}');
  });

  it('sorts set members by UTF-16 code unit, so upper case precedes lower case', () => {
    expect(parseSelector('a in {"b", "B", "a", "A", "_"}').toString()).toBe('a in {"A", "B", "_", "a", "b"}');
  });

  it('refuses to print a literal containing both quote characters, which has no spelling', () => {
    const node: SelectorNode = { kind: 'comparison', operator: '==', key: 'a', value: `'"` };
    expect(() => printSelector(node)).toThrow(RangeError);
  });
});

/** mulberry32: tiny deterministic PRNG so the property test is reproducible. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Keys include words that are operators or functions elsewhere in the grammar, to prove they
// still read as labels in label position.
const KEYS = ['a', 'b', 'app', 'projectcalico.org/name', 'x.y/z_1', 'in', 'not', 'contains', 'has', 'all', 'A-1', '9'];
const VALUES = ['', 'x', 'kube-', 'a b', '"', "it's", 'say "hi"', 'ünï', '😀', '{', ')', '&&', ','];
const COMPARISONS: readonly ComparisonOperator[] = ['==', '!=', 'contains', 'starts with', 'ends with'];
const SETS: readonly SetOperator[] = ['in', 'not in'];

function randomAst(random: () => number, depth: number): SelectorNode {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const leafOnly = depth <= 0;
  const choice = Math.floor(random() * (leafOnly ? 5 : 8));
  switch (choice) {
    case 0:
      return random() < 0.5 ? { kind: 'all' } : { kind: 'global' };
    case 1:
      return { kind: 'has', key: pick(KEYS) };
    case 2:
    case 3:
      return { kind: 'comparison', operator: pick(COMPARISONS), key: pick(KEYS), value: pick(VALUES) };
    case 4: {
      const values = Array.from({ length: Math.floor(random() * 4) }, () => pick(VALUES));
      return { kind: 'set', operator: pick(SETS), key: pick(KEYS), values };
    }
    case 5:
      return { kind: 'not', operand: randomAst(random, depth - 1) };
    default: {
      const extra = Array.from({ length: Math.floor(random() * 2) }, () => randomAst(random, depth - 1));
      const operands = [randomAst(random, depth - 1), randomAst(random, depth - 1), ...extra] as const;
      return { kind: choice === 6 ? 'and' : 'or', operands };
    }
  }
}

function randomLabels(random: () => number): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const key of KEYS) {
    if (random() < 0.5) labels[key] = VALUES[Math.floor(random() * VALUES.length)] ?? '';
  }
  return labels;
}

describe('canonical printing property (random ASTs, fixed seed)', () => {
  it('print(parse(print(ast))) equals print(ast), and the re-parsed selector evaluates like the AST', () => {
    const random = prng(0x5eed);
    let checked = 0;
    for (let i = 0; i < 500; i++) {
      const ast = randomAst(random, 4);
      const text = printSelector(ast);
      if (text.length > MAX_SELECTOR_LENGTH) continue;
      const reparsed = parseSelector(text);
      expect(reparsed.toString(), text).toBe(text);
      for (let j = 0; j < 5; j++) {
        const labels = randomLabels(random);
        expect(reparsed.matches(labels), `${text} against ${JSON.stringify(labels)}`).toBe(evaluateSelector(ast, labels));
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(450);
  });
});
