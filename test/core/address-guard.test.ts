/** The address guard as a function over hosts as written: no traffic, only strings. */
import { describe, expect, it } from 'vitest';
import { nonPublicReason, parseIPv4, parseIPv6 } from '../../src/core/address-guard';

describe('address guard', () => {
  it.each([
    ['127.0.0.1', /loopback/],
    ['127.1.2.3', /loopback/],
    ['localhost', /localhost/],
    ['LocalHost.', /localhost/],
    ['api.localhost', /localhost/],
    ['2130706433', /loopback/],
    ['0x7f000001', /loopback/],
    ['0x7f.1', /loopback/],
    ['0177.0.0.1', /loopback/],
    ['127.1', /loopback/],
    ['[::ffff:127.0.0.1]', /IPv4-mapped/],
    ['::ffff:7f00:1', /IPv4-mapped/],
    ['::ffff:8.8.8.8', /IPv4-mapped/],
    ['[::1]', /loopback/],
    ['::', /unspecified/],
    ['0.0.0.0', /unspecified/],
    ['169.254.169.254', /link-local/],
    ['fe80::1%eth0', /link-local/],
    ['10.0.0.1', /private/],
    ['172.16.0.1', /private/],
    ['172.31.255.255', /private/],
    ['192.168.1.1', /private/],
    ['fd00::1', /private/],
    ['100.64.0.1', /carrier-grade NAT/],
    ['100.127.255.255', /carrier-grade NAT/],
    ['224.0.0.1', /multicast/],
    ['ff02::1', /multicast/],
    ['255.255.255.255', /broadcast/],
    ['240.0.0.1', /reserved/],
    ['64:ff9b::a00:1', /NAT64/],
    ['::127.0.0.1', /IPv4-compatible/],
  ])('refuses %s', (host, reason) => {
    expect(nonPublicReason(host)).toMatch(reason);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '[2a00:1450:4001::200e]',
    'example.com',
    'upload.wikimedia.org',
  ])('lets %s through (a name is checked again on its resolved addresses)', (host) => {
    expect(nonPublicReason(host)).toBeUndefined();
  });

  it('reads IPv4 and IPv6 literals in every form a resolver takes', () => {
    expect(parseIPv4('1.2.3')).toBe(0x01020003);
    expect(parseIPv4('0xc0.0250.1')).toBe(0xc0a80001);
    expect(parseIPv4('4294967296')).toBeUndefined();
    expect(parseIPv4('1.2.3.4.5')).toBeUndefined();
    expect(parseIPv6('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]);
    expect(parseIPv6('1::2::3')).toBeUndefined();
    expect(nonPublicReason('[1::2::3]')).toMatch(/not a valid IPv6/);
  });
});
