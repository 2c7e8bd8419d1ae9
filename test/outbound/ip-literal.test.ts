import { describe, expect, it } from 'vitest';
import { formatIpAddress, parseIpLiteral } from '../../functions/outbound/ip-literal';

function format(host: string): string | undefined {
  const ip = parseIpLiteral(host);
  return ip ? formatIpAddress(ip) : undefined;
}

describe('parseIpLiteral', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['0x7f000001', '127.0.0.1'],
    ['2130706433', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['0x7f.0.0.1', '127.0.0.1'],
    ['10.1.65535', '10.1.255.255'],
    ['169.254.169.254.', '169.254.169.254'],
    ['0', '0.0.0.0'],
  ])('reads the IPv4 form %s as %s', (host, expected) => {
    // Act
    const formatted = format(host);

    // Assess
    expect(formatted).toBe(expected);
  });

  it.each([
    ['[::1]', '0:0:0:0:0:0:0:1'],
    ['::1', '0:0:0:0:0:0:0:1'],
    ['[::ffff:127.0.0.1]', '0:0:0:0:0:ffff:7f00:1'],
    ['[::ffff:7f00:1]', '0:0:0:0:0:ffff:7f00:1'],
    ['[fd00:ec2::254]', 'fd00:ec2:0:0:0:0:0:254'],
    ['[2001:db8:1:2:3:4:5:6]', '2001:db8:1:2:3:4:5:6'],
  ])('reads the IPv6 form %s as %s', (host, expected) => {
    // Act
    const formatted = format(host);

    // Assess
    expect(formatted).toBe(expected);
  });

  it.each([
    'partner.example',
    '127.0.0.1.nip.io',
    '1.2.3.4.5',
    '256.0.0.1',
    '1.16777216',
    '08.0.0.1',
    '0xg.0.0.1',
    '',
    '[fe80::1%eth0]',
    '[1::2::3]',
  ])('treats %s as no IP literal', (host) => {
    // Act
    const ip = parseIpLiteral(host);

    // Assess
    expect(ip).toBeUndefined();
  });
});
