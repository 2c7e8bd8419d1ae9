import type { Readable } from 'node:stream';
import { OutboundResponseTooLargeError } from './errors';

/**
 * Reads a response body as UTF-8 text, stopping as soon as it passes maxBytes, so a partner (or
 * anything posing as one) cannot exhaust a Lambda's memory. An announced Content-Length above the
 * cap fails before reading anything.
 */
export async function readCappedBody(
  body: Readable,
  contentLength: string | undefined,
  maxBytes: number,
  safeUrl: string,
): Promise<string> {
  if (contentLength !== undefined && Number(contentLength) > maxBytes) {
    discard(body);
    throw new OutboundResponseTooLargeError(safeUrl, maxBytes);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      discard(body);
      throw new OutboundResponseTooLargeError(safeUrl, maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

/** Destroying an unfinished response body emits an abort error; nobody is left to care about it. */
function discard(body: Readable): void {
  body.on('error', () => undefined);
  body.destroy();
}
