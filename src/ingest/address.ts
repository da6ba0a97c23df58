// Which network addresses the fetcher may connect to. Only public unicast addresses pass:
// everything ipaddr.js classifies otherwise (loopback, private, link-local incl. cloud metadata,
// unique-local, CGNAT, multicast, reserved, 6to4/teredo/NAT64 wrappers...) is refused.
import ipaddr from 'ipaddr.js';

export interface AddressPolicy {
  /** Test-only: permit 127.0.0.0/8 and ::1 (nothing else that is private). */
  allowLoopback?: boolean;
}

/** Why an address may not be contacted, or undefined when it is a public unicast address. */
export function blockedAddressReason(address: string, policy: AddressPolicy = {}): string | undefined {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(bare);
  } catch {
    return `unparseable address ${address}`;
  }
  let mapped = false;
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    // ::ffff:a.b.c.d is a.b.c.d on the wire: judge the IPv4 address it carries.
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
    mapped = true;
  }
  const range = parsed.range();
  if (range === 'unicast') return undefined;
  if (range === 'loopback' && policy.allowLoopback && !mapped) return undefined;
  const label = range === 'linkLocal' && parsed.toString() === '169.254.169.254' ? 'cloud metadata' : describeRange(range);
  return `${label} address ${parsed.toString()}`;
}

function describeRange(range: string): string {
  switch (range) {
    case 'linkLocal':
      return 'link-local';
    case 'uniqueLocal':
      return 'unique-local (private)';
    case 'carrierGradeNat':
      return 'carrier-grade NAT';
    case 'unspecified':
    case 'broadcast':
    case 'multicast':
    case 'loopback':
    case 'private':
    case 'reserved':
      return range;
    default:
      return `non-public (${range})`;
  }
}

/** True when the host names this machine ("localhost", "*.localhost", with or without a trailing dot). */
export function isLocalhostName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === 'localhost.localdomain';
}

/**
 * Checks a URL hostname before any connection: IP literals in any spelling (ipaddr.js parses
 * decimal, hex and octal IPv4 forms the URL parser may have left alone) and localhost names.
 * Returns the reason it is blocked, or undefined when only DNS can tell (checked at connect time).
 */
export function blockedHostReason(hostname: string, policy: AddressPolicy = {}): string | undefined {
  const host = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  if (host === '') return 'empty host';
  if (isLocalhostName(host)) return policy.allowLoopback ? undefined : `local host name ${host}`;
  const trimmed = host.replace(/\.$/, '');
  if (ipaddr.isValid(trimmed)) return blockedAddressReason(trimmed, policy);
  return undefined;
}
