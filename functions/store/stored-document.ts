import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * How a pushed OCPI object is kept in its item. Bodies may be up to 1 MB (http/request-body.ts) while a
 * DynamoDB item holds 400 KB, so documents above a few KB are gzipped (OCPI JSON shrinks 5-10x);
 * the JSON string form also avoids DynamoDB's 32-level nesting limit and per-attribute marshalling.
 */
export type EncodedDocument = { doc: string; docz?: undefined } | { doc?: undefined; docz: Uint8Array };

/** Below this the plain string is cheaper to read in the console and costs no CPU. */
const COMPRESS_ABOVE_BYTES = 8 * 1024;
/** Leaves room for keys and metadata below DynamoDB's 400 KB item limit. */
const MAX_STORED_DOCUMENT_BYTES = 360 * 1024;

export class DocumentTooLargeError extends Error {
  constructor(bytes: number) {
    super(`object too large to store: ${bytes} bytes compressed (limit ${MAX_STORED_DOCUMENT_BYTES})`);
  }
}

export function encodeDocument(object: unknown): EncodedDocument {
  const json = JSON.stringify(object);
  if (Buffer.byteLength(json) <= COMPRESS_ABOVE_BYTES) return { doc: json };
  const compressed = gzipSync(json);
  if (compressed.byteLength > MAX_STORED_DOCUMENT_BYTES)
    throw new DocumentTooLargeError(compressed.byteLength);
  return { docz: new Uint8Array(compressed) };
}

export function decodeDocument<T>(item: { doc?: unknown; docz?: unknown }): T {
  if (typeof item.doc === 'string') return JSON.parse(item.doc) as T;
  if (item.docz instanceof Uint8Array) return JSON.parse(gunzipSync(item.docz).toString('utf8')) as T;
  throw new Error('stored object item holds no document');
}
