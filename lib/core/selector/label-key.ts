import { expectedAt } from './errors';

/**
 * Kubernetes label keys: an optional DNS-subdomain prefix and `/`, then a name of at most 63
 * characters. Calico's own tokenizer accepts any run of `[a-zA-Z0-9_./-]` as a label. Being
 * stricter rejects keys no Kubernetes object can carry (almost always typos, which would silently
 * match nothing), and stops a key handed to the text builders from smuggling in other syntax.
 *
 * Hand-written character tests rather than regular expressions keep this obviously linear.
 */
const MAX_NAME_LENGTH = 63;
const MAX_PREFIX_LENGTH = 253;

/** Why `key` is not a valid label key, or undefined when it is. */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (slash >= 0) {
    if (name.includes('/')) return "a label key contains at most one '/'";
    const prefixProblem = dnsSubdomainProblem(key.slice(0, slash));
    if (prefixProblem !== undefined) return prefixProblem;
  }
  if (name.length === 0) return 'the name part is empty';
  if (name.length > MAX_NAME_LENGTH) {
    return `the name part is ${name.length} characters long, at most ${MAX_NAME_LENGTH} are allowed`;
  }
  if (!isAlphanumeric(name.charAt(0)) || !isAlphanumeric(name.charAt(name.length - 1))) {
    return 'the name part must begin and end with a letter or digit';
  }
  for (const char of name) {
    if (!isAlphanumeric(char) && char !== '-' && char !== '_' && char !== '.') {
      return "the name part may contain only letters, digits, '-', '_' and '.'";
    }
  }
  return undefined;
}

/** Throws the standard "expected a valid label key" error for `key` found at `position`. */
export function assertLabelKey(key: string, position: number): void {
  if (validKeys.has(key)) return;
  const problem = labelKeyProblem(key);
  if (problem !== undefined) throw expectedAt(position, 'a valid label key', `'${key}'`, problem);
  if (validKeys.size >= VALID_KEYS_LIMIT) validKeys.clear();
  validKeys.add(key);
}

/** Keys that passed: manifests use the same few label keys in every rule. Bounded. */
const validKeys = new Set<string>();
const VALID_KEYS_LIMIT = 1024;

function dnsSubdomainProblem(prefix: string): string | undefined {
  if (prefix.length === 0) return "the prefix before '/' is empty";
  if (prefix.length > MAX_PREFIX_LENGTH) {
    return `the prefix is ${prefix.length} characters long, at most ${MAX_PREFIX_LENGTH} are allowed`;
  }
  for (const part of prefix.split('.')) {
    if (!isDnsLabel(part)) {
      return "the prefix must be a DNS subdomain of lower-case letters, digits, '-' and '.'";
    }
  }
  return undefined;
}

function isDnsLabel(part: string): boolean {
  if (part.length === 0) return false;
  if (!isLowerAlphanumeric(part.charAt(0)) || !isLowerAlphanumeric(part.charAt(part.length - 1))) return false;
  for (const char of part) {
    if (!isLowerAlphanumeric(char) && char !== '-') return false;
  }
  return true;
}

function isLowerAlphanumeric(char: string): boolean {
  return (char >= 'a' && char <= 'z') || (char >= '0' && char <= '9');
}

function isAlphanumeric(char: string): boolean {
  return isLowerAlphanumeric(char) || (char >= 'A' && char <= 'Z');
}
