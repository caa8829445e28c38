/**
 * Kubernetes label selectors as the fake API server needs them: `k=v`, `k==v`, `k!=v`, `k`,
 * `!k`, `k in (a,b)`, `k notin (a,b)`, comma-separated (AND).
 */
export type LabelPredicate = (labels: Readonly<Record<string, string>>) => boolean;

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

function requirement(text: string): LabelPredicate {
  let m = /^(\S+)\s+(in|notin)\s+\((.*)\)$/.exec(text);
  if (m) {
    const [, key, op, list] = m as unknown as [string, string, string, string];
    const values = new Set(list.split(',').map((v) => v.trim()));
    return op === 'in' ? (l) => key in l && values.has(l[key]!) : (l) => !(key in l) || !values.has(l[key]!);
  }
  m = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(text);
  if (m) {
    const [, key, op, value] = m as unknown as [string, string, string, string];
    return op === '!=' ? (l) => l[key] !== value : (l) => l[key] === value;
  }
  if (text.startsWith('!')) {
    const key = text.slice(1).trim();
    return (l) => !(key in l);
  }
  if (/^\S+$/.test(text)) return (l) => text in l;
  throw new Error(`unsupported label selector requirement: ${text}`);
}

export function parseLabelSelector(text: string | null | undefined): LabelPredicate {
  if (!text) return () => true;
  const reqs = splitTopLevel(text).map(requirement);
  return (labels) => reqs.every((r) => r(labels));
}
