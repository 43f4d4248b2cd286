import { describe, expect, it } from 'vitest';
import { addressKey, clientKey } from '~/lib/server/client-address';

describe('addressKey (16.1)', () => {
  it('keeps IPv4 addresses as they are, and unwraps IPv4-mapped IPv6', () => {
    expect(addressKey('198.51.100.7')).toBe('198.51.100.7');
    expect(addressKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
  });

  it('counts every address of one IPv6 /64 together', () => {
    expect(addressKey('2001:db8:aaaa:bbbb:1:2:3:4')).toBe('2001:db8:aaaa:bbbb::/64');
    expect(addressKey('2001:db8:aaaa:bbbb:ffff:ffff:ffff:ffff')).toBe('2001:db8:aaaa:bbbb::/64');
    expect(addressKey('2001:0DB8:AAAA:0BBB::1')).toBe('2001:db8:aaaa:bbb::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('[fe80::1%eth0]')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('2001:db8:aaaa:bbbc::1')).not.toBe(addressKey('2001:db8:aaaa:bbbb::1'));
  });

  it('gives one key for a missing address', () => {
    expect(addressKey(undefined)).toBe('unknown');
    expect(clientKey({ get clientAddress(): string { throw new Error('none'); } })).toBe('unknown');
  });
});
