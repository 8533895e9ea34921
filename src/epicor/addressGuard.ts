import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { formatIpv4, parseIpAddress, type ParsedIpAddress } from './ipAddress';

/**
 * Kinds of IP address, from the most to the least sensitive.
 * - `metadata`: cloud instance-metadata and host-agent addresses.
 * - `linkLocal`: 169.254.0.0/16 and fe80::/10.
 * - `loopback`: the local host, including the unspecified addresses 0.0.0.0 and ::,
 *   because Linux delivers a connection to them to the local host.
 * - `private`: private, shared (CGNAT), documentation, multicast and reserved
 *   ranges: anything that is not reachable on the public internet.
 * - `public`: everything else.
 */
export const addressClasses = ['metadata', 'linkLocal', 'loopback', 'private', 'public'] as const;
export type AddressClass = (typeof addressClasses)[number];

/** Non-public address classes that an installation may call. Link-local and metadata addresses are always rejected. */
export interface AddressPolicy {
  allowLoopback: boolean;
  allowPrivate: boolean;
}

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

type Range = { network: ParsedIpAddress; prefixLength: number; addressClass: AddressClass };

function range(cidr: string, addressClass: AddressClass): Range {
  const [address = '', prefix = ''] = cidr.split('/');
  const network = parseIpAddress(address);
  if (network === null) {
    throw new Error(`Invalid range ${cidr} in the address guard table.`);
  }
  return { network, prefixLength: Number(prefix), addressClass };
}

// The first matching range wins, so specific addresses come before the ranges that contain them.
const ipv4Ranges: readonly Range[] = [
  range('169.254.169.254/32', 'metadata'), // AWS, Azure, Google Cloud, Oracle Cloud
  range('169.254.170.2/32', 'metadata'), // AWS ECS task metadata
  range('169.254.170.23/32', 'metadata'), // AWS EKS pod identity agent
  range('168.63.129.16/32', 'metadata'), // Azure host agent (WireServer)
  range('100.100.100.200/32', 'metadata'), // Alibaba Cloud
  range('192.0.0.192/32', 'metadata'), // Oracle Cloud legacy metadata
  range('169.254.0.0/16', 'linkLocal'),
  range('0.0.0.0/32', 'loopback'),
  range('127.0.0.0/8', 'loopback'),
  range('0.0.0.0/8', 'private'),
  range('10.0.0.0/8', 'private'),
  range('100.64.0.0/10', 'private'),
  range('172.16.0.0/12', 'private'),
  range('192.0.0.0/24', 'private'),
  range('192.0.2.0/24', 'private'),
  range('192.168.0.0/16', 'private'),
  range('198.18.0.0/15', 'private'),
  range('198.51.100.0/24', 'private'),
  range('203.0.113.0/24', 'private'),
  range('224.0.0.0/4', 'private'),
  range('240.0.0.0/4', 'private'),
];

const ipv6Ranges: readonly Range[] = [
  range('::/128', 'loopback'),
  range('::1/128', 'loopback'),
  range('fd00:ec2::/32', 'metadata'), // AWS metadata, DNS and time service
  range('fd20:ce::254/128', 'metadata'), // Google Cloud
  range('fe80::/10', 'linkLocal'),
  range('fc00::/7', 'private'),
  range('fec0::/10', 'private'),
  range('ff00::/8', 'private'),
  range('2001:db8::/32', 'private'),
  range('100::/64', 'private'),
  range('64:ff9b:1::/48', 'private'),
];

function inRange(address: ParsedIpAddress, candidate: Range): boolean {
  if (address.version === 4 && candidate.network.version === 4) {
    const hostBits = 32 - candidate.prefixLength;
    return Math.floor(address.value / 2 ** hostBits) === Math.floor(candidate.network.value / 2 ** hostBits);
  }
  if (address.version === 6 && candidate.network.version === 6) {
    const hostBits = BigInt(128 - candidate.prefixLength);
    return address.value >> hostBits === candidate.network.value >> hostBits;
  }
  return false;
}

function classifyParsed(address: ParsedIpAddress): AddressClass {
  const ranges = address.version === 4 ? ipv4Ranges : ipv6Ranges;
  const match = ranges.find((candidate) => inRange(address, candidate));
  if (match !== undefined) {
    return match.addressClass;
  }
  return address.version === 6 ? classifyEmbeddedIpv4(address.value) : 'public';
}

/**
 * Classifies IPv6 forms that carry an IPv4 address, because traffic to them
 * reaches that IPv4 address: IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible
 * (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16).
 */
function classifyEmbeddedIpv4(value: bigint): AddressClass {
  const low32 = Number(value & 0xffffffffn);
  const high96 = value >> 32n;
  if (high96 === 0xffffn || high96 === 0x64ff9b0000000000000000n) {
    return classifyParsed({ version: 4, value: low32 });
  }
  if (high96 === 0n) {
    // IPv4-compatible addresses are deprecated; even a public one is not a normal Epicor address.
    const embedded = classifyParsed({ version: 4, value: low32 });
    return embedded === 'public' ? 'private' : embedded;
  }
  if (value >> 112n === 0x2002n) {
    return classifyParsed({ version: 4, value: Number((value >> 80n) & 0xffffffffn) });
  }
  return 'public';
}

/**
 * Classifies an IP address.
 *
 * Accepts every form `parseIpAddress` accepts, including IPv4-mapped IPv6
 * (`::ffff:127.0.0.1`, `::ffff:7f00:1`) and numeric hosts (`2130706433`, `0x7f.1`).
 * Throws a TypeError when the input is not an IP address.
 */
export function classifyAddress(ip: string): AddressClass {
  const address = parseIpAddress(ip);
  if (address === null) {
    throw new TypeError(`"${ip}" is not an IP address; pass a resolved IPv4 or IPv6 address.`);
  }
  return classifyParsed(address);
}

/** Checks an IP address against the policy; the reason names the address and its class. */
export function checkAddress(ip: string, policy: AddressPolicy): AddressVerdict {
  const address = parseIpAddress(ip);
  if (address === null) {
    return { allowed: false, reason: `"${ip}" is not an IP address.` };
  }

  const displayAddress = address.version === 4 ? formatIpv4(address.value) : ip;
  switch (classifyParsed(address)) {
    case 'metadata':
      return { allowed: false, reason: `${displayAddress} is a cloud instance-metadata address, which is never called.` };
    case 'linkLocal':
      return { allowed: false, reason: `${displayAddress} is a link-local address, which is never called.` };
    case 'loopback':
      return policy.allowLoopback
        ? { allowed: true }
        : { allowed: false, reason: `${displayAddress} is a loopback address, and this installation does not call loopback addresses.` };
    case 'private':
      return policy.allowPrivate
        ? { allowed: true }
        : { allowed: false, reason: `${displayAddress} is a private or reserved address, and this installation does not call private addresses.` };
    case 'public':
      return { allowed: true };
  }
}

/** Error raised when a host name resolves to an address that the policy rejects. */
export class BlockedAddressError extends Error {
  readonly code = 'ERR_ADDRESS_BLOCKED';

  constructor(
    readonly hostname: string,
    readonly address: string,
    reason: string,
  ) {
    super(hostname === address ? reason : `The host ${hostname} resolves to a rejected address: ${reason}`);
    this.name = 'BlockedAddressError';
  }
}

/** Resolves a host name to all its addresses, with the contract of `dns.lookup` and `all: true`. */
export type HostResolver = (
  hostname: string,
  options: { family: 0 | 4 | 6 },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/** Resolves with the operating system's resolver, as Node's own connections do. */
export const resolveWithDns: HostResolver = (hostname, options, callback) => {
  dnsLookup(hostname, { family: options.family, all: true }, callback);
};

function familyOf(family: number | 'IPv4' | 'IPv6' | undefined): 0 | 4 | 6 {
  if (family === 4 || family === 'IPv4') return 4;
  if (family === 6 || family === 'IPv6') return 6;
  return 0;
}

/**
 * Creates a `lookup` function for `net`, `http` and `https` that resolves the
 * host and fails with a `BlockedAddressError` when any resolved address is
 * rejected by the policy. The connection then uses only the addresses checked
 * here, so a DNS answer that changes between check and connect cannot slip
 * through. Node skips `lookup` for IP-literal hosts: check those with
 * `checkAddress` before connecting.
 */
export function createGuardedLookup(policy: AddressPolicy, resolve: HostResolver = resolveWithDns): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { family: familyOf(options.family) }, (error, addresses) => {
      if (error !== null) {
        callback(error, '');
        return;
      }

      const first = addresses[0];
      if (first === undefined) {
        const notFound: NodeJS.ErrnoException = new Error(`DNS lookup of ${hostname} returned no addresses.`);
        notFound.code = 'ENOTFOUND';
        callback(notFound, '');
        return;
      }

      for (const { address } of addresses) {
        const verdict = checkAddress(address, policy);
        if (!verdict.allowed) {
          callback(new BlockedAddressError(hostname, address, verdict.reason), '');
          return;
        }
      }

      if (options.all === true) {
        callback(null, addresses);
      } else {
        callback(null, first.address, first.family);
      }
    });
  };
}
