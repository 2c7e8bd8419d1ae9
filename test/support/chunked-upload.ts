import { request } from 'node:http';

export interface ChunkedUploadResult {
  status: number;
  body: unknown;
  /** Bytes the client had handed to the socket when the answer arrived. */
  bytesSentBeforeAnswer: number;
}

/**
 * Streams up to `totalBytes` of a JSON-looking body without Content-Length (chunked), honouring
 * backpressure, and stops as soon as the server answers: how much was sent by then shows whether the
 * server answered while the body was still streaming or only after buffering all of it.
 */
export function chunkedUpload(
  url: string,
  opts: { method: string; headers: Record<string, string>; totalBytes: number },
): Promise<ChunkedUploadResult> {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(url, {
      method: opts.method,
      headers: { ...opts.headers, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
    });
    req.on('response', (res) => {
      answered = true;
      const bytesSentBeforeAnswer = sent;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        req.destroy();
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          body: text ? JSON.parse(text) : undefined,
          bytesSentBeforeAnswer,
        });
      });
    });
    // The server may close the connection once it has answered; that is not a failure of the upload.
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    const pump = () => {
      while (!answered && sent < opts.totalBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    req.write('{"padding":"');
    pump();
  });
}
