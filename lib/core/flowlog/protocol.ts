import type { Protocol } from './record';

/** IANA numbers Calico v3 writes by name; every other protocol is written as its number. */
const NAMED: Readonly<Record<number, Protocol>> = {
  1: 'ICMP',
  6: 'TCP',
  17: 'UDP',
  58: 'ICMPv6',
  132: 'SCTP',
  136: 'UDPLite',
};

/** Precomputed so that numeric protocols cost no string allocation per record. */
const BY_NUMBER: readonly Protocol[] = Array.from({ length: 256 }, (_, n) => NAMED[n] ?? (String(n) as Protocol));

/** Calico's name for an IP protocol number 0..255, undefined for anything else. */
export function protocolFromNumber(n: number): Protocol | undefined {
  return Number.isInteger(n) && n >= 0 && n <= 255 ? BY_NUMBER[n] : undefined;
}

/**
 * The flow-log `proto` field: a lowercase name (`tcp`, `udp`, `icmp`, `icmp6`/`icmpv6`, `sctp`,
 * `udplite`, `ipip`, `esp`, `gre`), a decimal string (`"47"`) or a number. Undefined when unknown.
 */
export function parseProtocol(value: string | number): Protocol | undefined {
  if (typeof value === 'number') return protocolFromNumber(value);
  switch (value) {
    case 'tcp':
      return 'TCP';
    case 'udp':
      return 'UDP';
    case 'icmp':
      return 'ICMP';
    case 'icmp6':
    case 'icmpv6':
      return 'ICMPv6';
    case 'sctp':
      return 'SCTP';
    case 'udplite':
      return 'UDPLite';
    case 'ipip':
      return BY_NUMBER[4];
    case 'esp':
      return BY_NUMBER[50];
    case 'gre':
      return BY_NUMBER[47];
  }
  const n = value.length;
  if (n === 0 || n > 3) return undefined;
  let num = 0;
  for (let i = 0; i < n; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    num = num * 10 + d;
  }
  return protocolFromNumber(num);
}
