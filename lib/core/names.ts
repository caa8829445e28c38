import { createHash } from 'node:crypto';
import { isDns1123Label } from './flowlog/names';

/**
 * Kubernetes / DNS name rules and Calico's deterministic shortening. Everything from a flow log
 * that reaches a selector or manifest has passed one of these checks first.
 */
export { isDns1123Label };

/** Dot-separated DNS-1123 labels, at most 253 characters (cluster domains, bucket-like names). */
export function isDns1123Subdomain(value: string): boolean {
  return value.length > 0 && value.length <= 253 && value.split('.').every(isDns1123Label);
}

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

/** Lower-case base32hex (RFC 4648 §7) of the SHA-256 of `value`, first `length` characters. */
export function base32HexSha256(value: string, length: number): string {
  const digest = createHash('sha256').update(value).digest();
  let out = '';
  let bits = 0;
  let acc = 0;
  for (const byte of digest) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += BASE32HEX[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
    if (out.length >= length) break;
  }
  return out;
}

/** How Calico shortens a name for a label value: first 55 chars, `-`, 7 hash chars. */
export function shortenLikeCalicoLabel(name: string): string {
  return name.length <= 63 ? name : `${name.slice(0, 55)}-${base32HexSha256(name, 7)}`;
}
