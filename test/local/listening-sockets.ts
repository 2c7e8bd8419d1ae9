import { readFileSync } from 'node:fs';

/**
 * The local addresses of the sockets listening on `port`, read from /proc/net/tcp and tcp6 (Linux):
 * what the kernel says, whatever the process claims.
 */
export function listeningAddresses(port: number): string[] {
  const addresses: string[] = [];
  for (const [file, family] of [
    ['/proc/net/tcp', 4],
    ['/proc/net/tcp6', 6],
  ] as const) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [hexAddress, hexPort] = (fields[1] ?? '').split(':');
      if (!hexAddress || !hexPort || fields[3] !== '0A') continue; // 0A = LISTEN
      if (Number.parseInt(hexPort, 16) !== port) continue;
      addresses.push(family === 4 ? ipv4(hexAddress) : ipv6(hexAddress));
    }
  }
  return addresses;
}

/** /proc prints each 32-bit word in host (little-endian) byte order. */
function wordBytes(hex: string): number[] {
  const bytes = hex.match(/../g)?.map((b) => Number.parseInt(b, 16)) ?? [];
  return bytes.reverse();
}

function ipv4(hex: string): string {
  return wordBytes(hex).join('.');
}

function ipv6(hex: string): string {
  const bytes = (hex.match(/.{8}/g) ?? []).flatMap(wordBytes);
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff)
    return `::ffff:${bytes.slice(12).join('.')}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  return groups.join(':');
}

export function isLoopback(address: string): boolean {
  return /^127\./.test(address) || /^::ffff:127\./.test(address) || address === '0:0:0:0:0:0:0:1';
}
