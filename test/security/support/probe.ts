import { Agent, type ClientRequest, request } from 'node:http';

export interface ProbeAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed body; undefined when it is not JSON. */
  json: unknown;
}

export interface ProbeRequest {
  method: string;
  /** Absolute URL; its path is sent exactly as written (no `..` or `%2F` normalisation). */
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body chunked, without Content-Length. */
  chunked?: boolean;
  /** Local address to connect from (a 127.x.y.z other than 127.0.0.1 stands for another client). */
  localAddress?: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/**
 * One HTTP request as an attacker sends it: node:http rather than fetch, because fetch normalises
 * the path (`/a/../b` becomes `/b`) and refuses some headers, and an attack must reach the hub as
 * written.
 */
export async function probe(req: ProbeRequest): Promise<ProbeAnswer> {
  try {
    return await probeOnce(req);
  } catch (err) {
    // A kept-alive socket the server closed just as it was reused: the request never reached the hub
    // (the race Node's documentation describes for `reusedSocket`); send it once more on a new one.
    if (err instanceof StaleSocketError) return probeOnce(req);
    throw err;
  }
}

class StaleSocketError extends Error {}

function probeOnce(req: ProbeRequest): Promise<ProbeAnswer> {
  const url = new URL(req.url);
  const rawPath = req.url.slice(url.origin.length) || '/';
  const headers: Record<string, string> = { ...req.headers };
  if (req.body !== undefined && !req.chunked) headers['Content-Length'] = String(Buffer.byteLength(req.body));
  if (req.chunked) headers['Transfer-Encoding'] = 'chunked';
  return new Promise((resolve, reject) => {
    let answered = false;
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: rawPath,
        headers,
        // A big body may be cut short by the answer: its connection is not reused.
        agent: req.localAddress || Buffer.byteLength(req.body ?? '') > CHUNK ? false : agent,
        ...(req.localAddress ? { localAddress: req.localAddress } : {}),
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    // A server may answer (413) and close while a big body is still going out: not a failure of ours.
    outgoing.on('error', (err: NodeJS.ErrnoException) => {
      if (answered) return;
      reject(outgoing.reusedSocket && err.code === 'ECONNRESET' ? new StaleSocketError(err.message) : err);
    });
    outgoing.setTimeout(15_000, () => outgoing.destroy(new Error(`no answer to ${req.method} ${rawPath}`)));
    writeBody(outgoing, req.body === undefined ? undefined : Buffer.from(req.body), () => answered);
  });
}

const CHUNK = 64 * 1024;

/** Writes the body in chunks with backpressure and stops once the server has answered. */
function writeBody(outgoing: ClientRequest, body: Buffer | undefined, answered: () => boolean): void {
  if (body === undefined) return void outgoing.end();
  let offset = 0;
  const pump = () => {
    while (!answered() && offset < body.length) {
      const chunk = body.subarray(offset, offset + CHUNK);
      offset += chunk.length;
      if (!outgoing.write(chunk)) return void outgoing.once('drain', pump);
    }
    if (!outgoing.destroyed) outgoing.end();
  };
  pump();
}

/** `Authorization: Token <base64>`, as OCPI 2.2.1 partners send it. */
export const tokenHeader = (token: string) => `Token ${Buffer.from(token, 'utf8').toString('base64')}`;

/** Runs `work` over `items` with at most `width` at a time, results in order. */
export async function inParallel<T, R>(
  items: readonly T[],
  width: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i] as T, i);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return results;
}
