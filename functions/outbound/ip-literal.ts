import { isIPv6 } from 'node:net';

export type IpAddress = { family: 4 | 6; bytes: Uint8Array };

/**
 * Parses a host that is an IP literal, or returns undefined for a host name.
 * IPv4 follows inet_aton()/WHATWG rules (1 to 4 parts, each decimal, 0x-hex or 0-octal), because
 * those are the forms a resolver would also accept: '127.1', '0x7f000001', '2130706433' and
 * '0177.0.0.1' all mean 127.0.0.1. IPv6 may come with or without brackets.
 */
export function parseIpLiteral(host: string): IpAddress | undefined {
  if (host.startsWith('[') && host.endsWith(']')) return parseIpv6(host.slice(1, -1));
  if (host.includes(':')) return parseIpv6(host);
  return parseIpv4(host);
}

export function formatIpAddress(ip: IpAddress): string {
  if (ip.family === 4) return ip.bytes.join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((ip.bytes[i]! << 8) | ip.bytes[i + 1]!).toString(16));
  return groups.join(':');
}

function parseIpv4(text: string): IpAddress | undefined {
  const parts = (text.endsWith('.') ? text.slice(0, -1) : text).split('.');
  if (parts.length > 4) return undefined;
  const numbers: number[] = [];
  for (const part of parts) {
    const value = parseIpv4Part(part);
    if (value === undefined) return undefined;
    numbers.push(value);
  }
  const last = numbers.pop();
  if (last === undefined || numbers.some((n) => n > 255)) return undefined;
  // The last part fills all remaining bytes: in '127.1' the 1 is a 24-bit number.
  if (last >= 256 ** (4 - numbers.length)) return undefined;
  let value = last;
  numbers.forEach((n, index) => {
    value += n * 256 ** (3 - index);
  });
  return {
    family: 4,
    bytes: Uint8Array.of((value >>> 24) & 255, (value >>> 16) & 255, (value >>> 8) & 255, value & 255),
  };
}

function parseIpv4Part(part: string): number | undefined {
  if (/^0x[0-9a-f]*$/i.test(part)) return part.length === 2 ? 0 : Number.parseInt(part.slice(2), 16);
  if (/^0[0-7]+$/.test(part)) return Number.parseInt(part.slice(1), 8);
  if (/^(0|[1-9][0-9]*)$/.test(part)) return Number(part);
  return undefined;
}

function parseIpv6(text: string): IpAddress | undefined {
  // Zone ids ('fe80::1%eth0') have no place in a partner URL.
  if (!isIPv6(text) || text.includes('%')) return undefined;
  return ipv6BytesOf(text);
}

/**
 * The bytes of an IPv6 literal already known to be valid: the address tables' constants skip
 * `isIPv6`, whose large regular expression costs milliseconds to compile at a cold start.
 */
export function ipv6BytesOf(text: string): IpAddress | undefined {
  let hex = text;
  const lastColon = text.lastIndexOf(':');
  const dottedTail = text.slice(lastColon + 1);
  if (dottedTail.includes('.')) {
    const v4 = parseIpv4(dottedTail);
    if (!v4) return undefined;
    const [a, b, c, d] = v4.bytes;
    hex = `${text.slice(0, lastColon + 1)}${((a! << 8) | b!).toString(16)}:${((c! << 8) | d!).toString(16)}`;
  }
  const halves = hex.split('::');
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves[1] ? halves[1].split(':') : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const groups = [...head, ...Array<string>(fill).fill('0'), ...tail];
  if (groups.length !== 8) return undefined;
  const bytes = new Uint8Array(16);
  groups.forEach((group, index) => {
    const value = Number.parseInt(group, 16);
    bytes[index * 2] = value >> 8;
    bytes[index * 2 + 1] = value & 255;
  });
  return { family: 6, bytes };
}
