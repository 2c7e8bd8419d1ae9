import { describe, expect, it } from 'vitest';
import { type AddressCategory, classifyAddress } from '../../functions/outbound/address-ranges';
import { parseIpLiteral } from '../../functions/outbound/ip-literal';

function classify(address: string): AddressCategory {
  const ip = parseIpLiteral(address);
  if (!ip) throw new Error(`test input is no IP literal: ${address}`);
  return classifyAddress(ip);
}

describe('classifyAddress', () => {
  it.each<[string, AddressCategory]>([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['100.127.255.255', 'private'],
    ['169.254.1.1', 'metadata'], // every AWS link-local service, not only the metadata address
    ['169.254.169.253', 'metadata'],
    ['224.0.0.1', 'multicast'],
    ['0.0.0.0', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['169.254.169.254', 'metadata'],
    ['169.254.170.2', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['8.8.8.8', 'public'],
    ['172.32.0.1', 'public'],
    ['100.128.0.1', 'public'],
  ])('classifies IPv4 %s as %s', (address, expected) => {
    // Act
    const category = classify(address);

    // Assess
    expect(category).toBe(expected);
  });

  it.each<[string, AddressCategory]>([
    ['::1', 'loopback'],
    ['::', 'reserved'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fe80::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['fd00:ec2::254', 'metadata'],
    ['fd00:ec2::123', 'metadata'],
    ['fd00:ec2:ffff::1', 'metadata'],
    ['fd00:ec3::1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::127.0.0.1', 'loopback'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', 'metadata'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:a00:1::', 'private'],
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'loopback'],
    ['2001:db8::1', 'reserved'],
    ['3fff::1', 'reserved'],
    ['2a00:1450:4001::1', 'public'],
    ['::ffff:8.8.8.8', 'public'],
    ['2606:4700:4700::1111', 'public'],
    ['2002:808:808::', 'public'],
  ])('classifies IPv6 %s as %s', (address, expected) => {
    // Act
    const category = classify(address);

    // Assess
    expect(category).toBe(expected);
  });
});
