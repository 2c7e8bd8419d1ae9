import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubResponse } from '../partners';
import { createPair, type Pair } from './pair';

const tariff = (n: number) => ({
  country_code: 'NL',
  party_id: 'CPO',
  id: `T${n}`,
  currency: 'EUR',
  elements: [],
  last_updated: `2024-05-0${n}T00:00:00Z`,
});

const dataIds = (response: HubResponse) =>
  (response.body as { data: Array<{ id: string }> }).data.map((t) => t.id);
const nextLink = (response: HubResponse) => /<([^>]+)>; rel="next"/.exec(response.headers.link ?? '')?.[1];

describe('simulated platform senders', () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await createPair({ register: true });
    pair.cpo.seed('tariffs', [1, 2, 3, 4, 5].map(tariff));
    pair.cpo.setPageLimit(2);
  });
  afterAll(async () => {
    await pair.close();
  });

  it('pages through the list by following Link headers', async () => {
    // Prepare
    const pages: string[][] = [];
    let url: string | undefined = pair.cpo.endpointUrl('tariffs', 'SENDER');
    // Act
    while (url) {
      const response = await pair.emsp.hubRequest('GET', url);
      pages.push(dataIds(response));
      url = nextLink(response);
    }
    // Assess
    expect(pages).toEqual([['T1', 'T2'], ['T3', 'T4'], ['T5']]);
  });

  it('reports the total count and its own page limit', async () => {
    // Act
    const response = await pair.emsp.hubRequest('GET', 'tariffs?limit=100');
    // Assess
    expect(response.headers['x-total-count']).toBe('5');
    expect(response.headers['x-limit']).toBe('2');
    expect(dataIds(response)).toHaveLength(2);
  });

  it('filters on date_from inclusive and date_to exclusive and repeats them in the Link', async () => {
    // Act
    const response = await pair.emsp.hubRequest(
      'GET',
      'tariffs?date_from=2024-05-02T00:00:00Z&date_to=2024-05-05T00:00:00Z',
    );
    const link = nextLink(response)!;
    const second = await pair.emsp.hubRequest('GET', link);
    // Assess
    expect(response.headers['x-total-count']).toBe('3');
    expect(dataIds(response)).toEqual(['T2', 'T3']);
    expect(new URL(link).searchParams.get('date_to')).toBe('2024-05-05T00:00:00Z');
    expect(dataIds(second)).toEqual(['T4']);
    expect(second.headers.link).toBeUndefined();
  });

  it('serves a single seeded location, EVSE and connector', async () => {
    // Prepare
    pair.cpo.seed('locations', [
      {
        id: 'L1',
        last_updated: '2024-05-01T00:00:00Z',
        evses: [{ uid: 'E1', connectors: [{ id: 'C1', standard: 'IEC_62196_T2' }] }],
      },
    ]);
    // Act
    const connector = await pair.emsp.hubRequest('GET', 'locations/L1/E1/C1');
    const missing = await pair.emsp.hubRequest('GET', 'locations/L2');
    // Assess
    expect(connector.body).toMatchObject({ status_code: 1000, data: { standard: 'IEC_62196_T2' } });
    expect(missing.status).toBe(404);
  });

  it('requires date_from on the sessions list', async () => {
    // Act
    const response = await pair.emsp.hubRequest('GET', 'sessions');
    // Assess
    expect(response.body).toMatchObject({ status_code: 2001 });
  });

  it('authorizes a seeded token and answers 404 with 2004 for an unknown one', async () => {
    // Prepare
    const token = { country_code: 'DE', party_id: 'MSP', uid: 'U1', type: 'RFID', valid: true };
    pair.emsp.seed('tokens', [token]);
    pair.emsp.setAuthorization('BLOCKED1', 'BLOCKED');
    // Act
    const allowed = await pair.cpo.hubRequest('POST', 'tokens/U1/authorize', { body: { location_id: 'L1' } });
    const blocked = await pair.cpo.hubRequest('POST', 'tokens/BLOCKED1/authorize');
    const unknown = await pair.cpo.hubRequest('POST', 'tokens/NOPE/authorize');
    // Assess
    expect(allowed.body).toMatchObject({
      status_code: 1000,
      data: { allowed: 'ALLOWED', token: { uid: 'U1' } },
    });
    expect(blocked.body).toMatchObject({ status_code: 1000, data: { allowed: 'BLOCKED' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ status_code: 2004 });
  });
});
