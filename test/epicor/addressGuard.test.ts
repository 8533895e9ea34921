import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import {
  BlockedAddressError,
  checkAddress,
  classifyAddress,
  createGuardedLookup,
  type AddressClass,
  type HostResolver,
} from '../../src/epicor/addressGuard';

const closed = { allowLoopback: false, allowPrivate: false };
const open = { allowLoopback: true, allowPrivate: true };

/** A resolver that returns fixed addresses and records the names asked, without any DNS traffic. */
function fakeResolver(answers: Record<string, LookupAddress[]>): HostResolver & { asked: string[] } {
  const asked: string[] = [];
  const resolver: HostResolver = (hostname, _options, callback) => {
    asked.push(hostname);
    const addresses = answers[hostname];
    if (addresses === undefined) {
      const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
      error.code = 'ENOTFOUND';
      callback(error, []);
      return;
    }
    callback(null, addresses);
  };
  return Object.assign(resolver, { asked });
}

type LookupResult = { error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family: number | undefined };

function runLookup(lookup: LookupFunction, hostname: string, all: boolean): Promise<LookupResult> {
  return new Promise((resolve) => {
    lookup(hostname, { all }, (error, address, family) => resolve({ error, address, family }));
  });
}

describe('classifyAddress', () => {
  it.each<[string, AddressClass]>([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0.0.0.0', 'loopback'],
    ['::', 'loopback'],
    ['2130706433', 'loopback'],
    ['0x7f.1', 'loopback'],
    ['017700000001', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['169.254.169.254', 'metadata'],
    ['169.254.170.2', 'metadata'],
    ['168.63.129.16', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['64:ff9b::a9fe:a9fe', 'metadata'],
    ['2002:a9fe:a9fe::1', 'metadata'],
    ['0xa9fea9fe', 'metadata'],
    ['169.254.1.1', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['febf::1', 'linkLocal'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.10', 'private'],
    ['100.64.0.1', 'private'],
    ['100.127.255.255', 'private'],
    ['0.1.2.3', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['::ffff:10.0.0.1', 'private'],
    ['224.0.0.1', 'private'],
    ['255.255.255.255', 'private'],
    ['8.8.8.8', 'public'],
    ['172.32.0.1', 'public'],
    ['100.128.0.1', 'public'],
    ['2606:4700:4700::1111', 'public'],
    ['::ffff:8.8.8.8', 'public'],
  ])('classifies %s as %s', (ip, expected) => {
    const addressClass = classifyAddress(ip);

    expect(addressClass).toBe(expected);
  });

  it.each(['erp.example.com', '', '1.2.3.4.5', '::ffff::1::', '4294967296'])('rejects non-address "%s"', (input) => {
    const classify = (): AddressClass => classifyAddress(input);

    expect(classify).toThrow(TypeError);
  });
});

describe('checkAddress', () => {
  it.each([
    ['169.254.169.254', open, 'cloud instance-metadata'],
    ['fd00:ec2::254', open, 'cloud instance-metadata'],
    ['169.254.10.10', open, 'link-local'],
    ['fe80::abcd', open, 'link-local'],
    ['127.0.0.1', closed, 'loopback'],
    ['0x7f.1', { allowLoopback: false, allowPrivate: true }, 'loopback'],
    ['10.1.2.3', closed, 'private'],
    ['192.168.0.1', { allowLoopback: true, allowPrivate: false }, 'private'],
  ])('rejects %s under policy', (ip, policy, reasonWord) => {
    const verdict = checkAddress(ip, policy);

    expect(verdict).toEqual({ allowed: false, reason: expect.stringContaining(reasonWord) });
  });

  it.each([
    ['8.8.8.8', closed],
    ['127.0.0.1', { allowLoopback: true, allowPrivate: false }],
    ['::1', { allowLoopback: true, allowPrivate: false }],
    ['10.1.2.3', { allowLoopback: false, allowPrivate: true }],
    ['fd12::1', { allowLoopback: false, allowPrivate: true }],
  ])('allows %s under policy', (ip, policy) => {
    const verdict = checkAddress(ip, policy);

    expect(verdict).toEqual({ allowed: true });
  });

  it('names normalised address in reason', () => {
    const verdict = checkAddress('2130706433', closed);

    expect(verdict).toEqual({ allowed: false, reason: expect.stringContaining('127.0.0.1') });
  });

  it('rejects host name', () => {
    const verdict = checkAddress('erp.example.com', open);

    expect(verdict).toEqual({ allowed: false, reason: '"erp.example.com" is not an IP address.' });
  });
});

describe('createGuardedLookup', () => {
  it('returns public address', async () => {
    const resolver = fakeResolver({ 'erp.example.com': [{ address: '203.0.114.10', family: 4 }] });
    const lookup = createGuardedLookup(closed, resolver);

    const result = await runLookup(lookup, 'erp.example.com', false);

    expect(result).toEqual({ error: null, address: '203.0.114.10', family: 4 });
  });

  it('returns all addresses when asked', async () => {
    const addresses = [
      { address: '203.0.114.10', family: 4 },
      { address: '2606:4700::10', family: 6 },
    ];
    const lookup = createGuardedLookup(closed, fakeResolver({ 'erp.example.com': addresses }));

    const result = await runLookup(lookup, 'erp.example.com', true);

    expect(result.error).toBeNull();
    expect(result.address).toEqual(addresses);
  });

  it.each([
    ['metadata', [{ address: '169.254.169.254', family: 4 }]],
    ['link-local', [{ address: 'fe80::1', family: 6 }]],
    ['private', [{ address: '10.0.0.5', family: 4 }]],
    ['loopback', [{ address: '127.0.0.1', family: 4 }]],
    ['mapped loopback', [{ address: '::ffff:127.0.0.1', family: 6 }]],
    ['one bad among good', [{ address: '203.0.114.10', family: 4 }, { address: '169.254.169.254', family: 4 }]],
  ])('rejects %s answer', async (_case, addresses) => {
    const lookup = createGuardedLookup(closed, fakeResolver({ 'rebind.example.com': addresses }));

    const result = await runLookup(lookup, 'rebind.example.com', true);

    expect(result.error).toBeInstanceOf(BlockedAddressError);
    expect(result.error?.code).toBe('ERR_ADDRESS_BLOCKED');
    expect(result.error?.message).toContain('rebind.example.com');
  });

  it('checks every lookup again', async () => {
    const answers: Record<string, LookupAddress[]> = { 'flip.example.com': [{ address: '203.0.114.10', family: 4 }] };
    const resolver = fakeResolver(answers);
    const lookup = createGuardedLookup(closed, resolver);
    const first = await runLookup(lookup, 'flip.example.com', false);
    answers['flip.example.com'] = [{ address: '169.254.169.254', family: 4 }];

    const second = await runLookup(lookup, 'flip.example.com', false);

    expect(first.error).toBeNull();
    expect(second.error).toBeInstanceOf(BlockedAddressError);
    expect(resolver.asked).toEqual(['flip.example.com', 'flip.example.com']);
  });

  it('passes resolver errors through', async () => {
    const lookup = createGuardedLookup(closed, fakeResolver({}));

    const result = await runLookup(lookup, 'missing.example.com', false);

    expect(result.error?.code).toBe('ENOTFOUND');
  });

  it('reports empty answer as not found', async () => {
    const lookup = createGuardedLookup(closed, fakeResolver({ 'empty.example.com': [] }));

    const result = await runLookup(lookup, 'empty.example.com', false);

    expect(result.error?.code).toBe('ENOTFOUND');
  });
});
