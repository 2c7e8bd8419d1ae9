import { type IpAddress, ipv6BytesOf, parseIpLiteral } from './ip-literal';

/** Why an address is (not) a fit for a partner URL. Only 'public' is reachable by default. */
export type AddressCategory =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'multicast'
  | 'reserved'
  | 'metadata';

type Range = { prefix: Uint8Array; bits: number; category: AddressCategory };

/**
 * Cloud instance metadata and credential endpoints. Refused even when private addresses are
 * allowed: reaching them from a Lambda or a container hands out the function's own credentials. AWS
 * puts its instance services on link-local addresses (169.254.0.0/16: instance metadata, ECS task
 * credentials, EKS pod identity, the Amazon DNS and time servers) and on fd00:ec2::/32 over IPv6, and
 * may add more there: the whole ranges are refused, not only today's addresses.
 */
const METADATA_ADDRESSES = [
  '100.100.100.200', // Alibaba Cloud metadata
].map(literal);

const METADATA_RANGES: Range[] = [
  range('169.254.0.0/16', 'metadata'), // AWS, GCP, Azure, OCI instance services
  range('fd00:ec2::/32', 'metadata'), // AWS instance services over IPv6
];

const IPV4_RANGES: Range[] = [
  range('0.0.0.0/8', 'reserved'),
  range('10.0.0.0/8', 'private'),
  range('100.64.0.0/10', 'private'), // carrier-grade NAT
  range('127.0.0.0/8', 'loopback'),
  range('172.16.0.0/12', 'private'),
  range('192.0.0.0/24', 'reserved'),
  range('192.0.2.0/24', 'reserved'),
  range('192.168.0.0/16', 'private'),
  range('198.18.0.0/15', 'reserved'),
  range('198.51.100.0/24', 'reserved'),
  range('203.0.113.0/24', 'reserved'),
  range('224.0.0.0/4', 'multicast'),
  range('240.0.0.0/4', 'reserved'), // includes the 255.255.255.255 broadcast
];

const IPV6_RANGES: Range[] = [
  range('::/128', 'reserved'),
  range('::1/128', 'loopback'),
  range('64:ff9b:1::/48', 'private'), // local-use IPv4/IPv6 translation
  range('100::/64', 'reserved'),
  range('2001:db8::/32', 'reserved'),
  range('3fff::/20', 'reserved'), // documentation (RFC 9637)
  range('fc00::/7', 'private'),
  range('fe80::/10', 'link-local'),
  range('fec0::/10', 'private'), // deprecated site-local
  range('ff00::/8', 'multicast'),
];

const GLOBAL_UNICAST = range('2000::/3', 'public');

/** IPv6 forms that carry an IPv4 address the packet may end up at. */
const IPV4_EMBEDDINGS: { range: Range; extract: (bytes: Uint8Array) => Uint8Array[] }[] = [
  { range: range('::ffff:0:0/96', 'public'), extract: (b) => [b.slice(12, 16)] }, // IPv4-mapped
  { range: range('::/96', 'public'), extract: (b) => [b.slice(12, 16)] }, // IPv4-compatible
  { range: range('::ffff:0:0:0/96', 'public'), extract: (b) => [b.slice(12, 16)] }, // IPv4-translated
  { range: range('64:ff9b::/96', 'public'), extract: (b) => [b.slice(12, 16)] }, // NAT64
  { range: range('2002::/16', 'public'), extract: (b) => [b.slice(2, 6)] }, // 6to4
  {
    range: range('2001::/32', 'public'), // Teredo: server, then the client obfuscated by XOR
    extract: (b) => [b.slice(4, 8), b.slice(12, 16).map((byte) => byte ^ 0xff)],
  },
];

export function classifyAddress(ip: IpAddress): AddressCategory {
  if (METADATA_ADDRESSES.some((m) => sameAddress(m, ip))) return 'metadata';
  const metadata = firstMatch(METADATA_RANGES, ip.bytes);
  if (metadata) return metadata;
  if (ip.family === 4) return firstMatch(IPV4_RANGES, ip.bytes) ?? 'public';
  const exact = firstMatch(IPV6_RANGES.slice(0, 2), ip.bytes);
  if (exact) return exact;
  const embedding = IPV4_EMBEDDINGS.find((e) => inRange(ip.bytes, e.range));
  if (embedding) {
    const categories = embedding.extract(ip.bytes).map((bytes) => classifyAddress({ family: 4, bytes }));
    return categories.find((c) => c !== 'public') ?? 'public';
  }
  const listed = firstMatch(IPV6_RANGES, ip.bytes);
  if (listed) return listed;
  // Everything outside 2000::/3 is unassigned or special-purpose; no partner lives there.
  return inRange(ip.bytes, GLOBAL_UNICAST) ? 'public' : 'reserved';
}

function firstMatch(ranges: Range[], bytes: Uint8Array): AddressCategory | undefined {
  return ranges.find((r) => inRange(bytes, r))?.category;
}

function inRange(bytes: Uint8Array, r: Range): boolean {
  if (bytes.length !== r.prefix.length) return false;
  const fullBytes = Math.floor(r.bits / 8);
  for (let i = 0; i < fullBytes; i++) if (bytes[i] !== r.prefix[i]) return false;
  const restBits = r.bits % 8;
  if (restBits === 0) return true;
  const mask = (0xff << (8 - restBits)) & 0xff;
  return ((bytes[fullBytes]! ^ r.prefix[fullBytes]!) & mask) === 0;
}

function sameAddress(a: IpAddress, b: IpAddress): boolean {
  return a.family === b.family && a.bytes.every((byte, i) => byte === b.bytes[i]);
}

function range(cidr: string, category: AddressCategory): Range {
  const [address, bits] = cidr.split('/');
  return { prefix: literal(address!).bytes, bits: Number(bits), category };
}

/** The tables' own literals: IPv6 ones are written canonically, so they skip the validating parser. */
function literal(text: string): IpAddress {
  const ip = text.includes(':') ? ipv6BytesOf(text) : parseIpLiteral(text);
  if (!ip) throw new Error(`not an IP literal: ${text}`);
  return ip;
}
