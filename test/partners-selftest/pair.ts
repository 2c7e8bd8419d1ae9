import { createSimulatedPlatform, type SimulatedPlatform } from '../partners';

export interface Pair {
  cpo: SimulatedPlatform;
  emsp: SimulatedPlatform;
  close(): Promise<void>;
}

/** A CPO and an eMSP simulator; with `register`, the CPO has run the credentials handshake with the eMSP. */
export async function createPair(options: { register?: boolean } = {}): Promise<Pair> {
  const cpo = await createSimulatedPlatform({
    roles: [{ role: 'CPO', country_code: 'NL', party_id: 'CPO', business_details: { name: 'Sim CPO' } }],
  });
  const emsp = await createSimulatedPlatform({
    roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'MSP', business_details: { name: 'Sim eMSP' } }],
  });
  if (options.register) await cpo.registerWith(emsp.versionsUrl, emsp.issueTokenA());
  return {
    cpo,
    emsp,
    close: async () => {
      await Promise.all([cpo.close(), emsp.close()]);
    },
  };
}

export const b64 = (token: string) => Buffer.from(token, 'utf8').toString('base64');

export async function getJson(url: string, token?: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (token) headers.set('Authorization', `Token ${b64(token)}`);
  const response = await fetch(url, { ...init, headers });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the raw text for assertions on garbage answers
  }
  // biome-ignore lint/suspicious/noExplicitAny: wire JSON that the assertions probe field by field
  return { status: response.status, headers: response.headers, body: body as Record<string, any> };
}
