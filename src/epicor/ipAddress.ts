import { isIP } from 'node:net';

/** An IP address as a number: 32 bits for IPv4, 128 bits for IPv6. */
export type ParsedIpAddress = { version: 4; value: number } | { version: 6; value: bigint };

/**
 * Parses an IP address in any form a URL host may take.
 *
 * Accepts dotted IPv4, IPv6 with or without brackets and zone ID, IPv6 with a
 * trailing dotted IPv4 part, and the numeric IPv4 host forms that WHATWG URL
 * parsing normalises (`2130706433`, `0x7f.1`, `017700000001`).
 * Returns null for anything else, such as a host name.
 */
export function parseIpAddress(input: string): ParsedIpAddress | null {
  let text = input.trim();
  if (text.startsWith('[') && text.endsWith(']')) {
    text = text.slice(1, -1);
  }

  // A zone ID (fe80::1%eth0) selects an interface and does not change the address class.
  const zoneStart = text.indexOf('%');
  if (zoneStart >= 0 && text.includes(':')) {
    text = text.slice(0, zoneStart);
  }

  if (isIP(text) === 6) {
    return { version: 6, value: parseIpv6(text) };
  }

  const dotted = isIP(text) === 4 ? text : normaliseNumericHost(text);
  return dotted === null ? null : { version: 4, value: parseDottedIpv4(dotted) };
}

/** Formats a 32-bit IPv4 value as dotted decimal. */
export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join('.');
}

/** Applies WHATWG URL host parsing, which turns `0x7f.1` and `2130706433` into `127.0.0.1`. */
function normaliseNumericHost(text: string): string | null {
  // Only digits, hex digits, `x` and dots can form a numeric host; anything else is a name.
  if (!/^[0-9a-fx.]+$/i.test(text) || !/^[0-9]/.test(text)) {
    return null;
  }

  try {
    const hostname = new URL(`http://${text}/`).hostname;
    return isIP(hostname) === 4 ? hostname : null;
  } catch {
    // WHATWG URL rejects out-of-range numeric hosts such as 4294967296: not an address.
    return null;
  }
}

function parseDottedIpv4(text: string): number {
  return text.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}

/** Expands an IPv6 address that `net.isIP` accepted into its 128-bit value. */
function parseIpv6(text: string): bigint {
  let groups = text;
  const lastColon = groups.lastIndexOf(':');
  const tail = groups.slice(lastColon + 1);
  if (tail.includes('.')) {
    const ipv4 = parseDottedIpv4(tail);
    groups = `${groups.slice(0, lastColon + 1)}${(ipv4 >>> 16).toString(16)}:${(ipv4 & 0xffff).toString(16)}`;
  }

  const [head = '', rest] = groups.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const zeroGroups = rest === undefined ? [] : Array<string>(8 - headGroups.length - restGroups.length).fill('0');

  return [...headGroups, ...zeroGroups, ...restGroups].reduce(
    (value, group) => (value << 16n) | BigInt(parseInt(group, 16)),
    0n,
  );
}
