import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPair, type Pair } from './pair';

const CPO = { country_code: 'NL', party_id: 'CPO' };
const TS = '2024-05-01T10:00:00Z';

const location = () => ({
  ...CPO,
  id: 'LOC1',
  publish: true,
  address: 'Main street 1',
  city: 'Utrecht',
  country: 'NLD',
  coordinates: { latitude: '52.09000', longitude: '5.12000' },
  time_zone: 'Europe/Amsterdam',
  last_updated: TS,
  evses: [
    { uid: 'EVSE1', status: 'AVAILABLE', last_updated: TS, connectors: [{ id: '1', last_updated: TS }] },
  ],
});

describe('simulated platform receivers', () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await createPair({ register: true });
  });
  afterAll(async () => {
    await pair.close();
  });
  beforeEach(() => {
    pair.emsp.clearRequests();
  });

  it('stores a pushed location, answers 201 and logs the push', async () => {
    // Act
    const response = await pair.cpo.pushLocation(location());
    // Assess
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status_code: 1000 });
    expect(pair.emsp.stored('locations', 'nl', 'cpo', 'loc1')).toMatchObject({ city: 'Utrecht' });
    expect(pair.emsp.received[0]).toMatchObject({ module: 'locations', method: 'PUT' });
    expect(pair.emsp.received[0]?.headers['ocpi-from-party-id']).toBe('CPO');
  });

  it('patches an EVSE and moves the location last_updated along', async () => {
    // Prepare
    await pair.cpo.pushLocation(location());
    // Act
    const response = await pair.cpo.patchEvse(CPO, 'LOC1', 'EVSE1', {
      status: 'CHARGING',
      last_updated: '2024-05-01T11:00:00Z',
    });
    // Assess
    expect(response.status).toBe(200);
    const stored = pair.emsp.stored('locations', 'NL', 'CPO', 'LOC1') as {
      last_updated: string;
      evses: object[];
    };
    expect(stored.last_updated).toBe('2024-05-01T11:00:00Z');
    expect(stored.evses[0]).toMatchObject({ status: 'CHARGING' });
  });

  it('rejects a PATCH without last_updated with 2001', async () => {
    // Prepare
    await pair.cpo.pushLocation(location());
    // Act
    const response = await pair.cpo.patchEvse(CPO, 'LOC1', 'EVSE1', { status: 'BLOCKED' });
    // Assess
    expect(response.body).toMatchObject({ status_code: 2001 });
  });

  it('rejects a PUT whose body id differs from the URL id with 2001', async () => {
    // Act
    const response = await pair.cpo.hubRequest('PUT', 'locations/NL/CPO/OTHER', { body: location() });
    // Assess
    expect(response.body).toMatchObject({ status_code: 2001 });
    expect(pair.emsp.stored('locations', 'NL', 'CPO', 'OTHER')).toBeUndefined();
  });

  it('appends charging periods on a session PATCH', async () => {
    // Prepare
    const session = {
      ...CPO,
      id: 'S1',
      status: 'ACTIVE',
      charging_periods: [{ start_date_time: TS }],
      last_updated: TS,
    };
    await pair.cpo.hubRequest('PUT', 'sessions/NL/CPO/S1', { body: session });
    // Act
    await pair.cpo.hubRequest('PATCH', 'sessions/NL/CPO/S1', {
      body: {
        charging_periods: [{ start_date_time: '2024-05-01T10:15:00Z' }],
        last_updated: '2024-05-01T10:15:00Z',
      },
    });
    // Assess
    const stored = pair.emsp.stored('sessions', 'NL', 'CPO', 'S1') as { charging_periods: unknown[] };
    expect(stored.charging_periods).toHaveLength(2);
  });

  it('answers a CDR POST with a Location header it can be read back from', async () => {
    // Prepare
    const cdr = { ...CPO, id: 'CDR1', total_energy: 12.5, last_updated: TS };
    // Act
    const response = await pair.cpo.postCdr(cdr);
    const readBack = await pair.cpo.hubRequest('GET', response.headers.location!);
    // Assess
    expect(response.status).toBe(201);
    expect(readBack.body).toMatchObject({ status_code: 1000, data: { id: 'CDR1' } });
  });

  it('keeps tokens of the same uid apart by type', async () => {
    // Prepare
    const emsp = pair.emsp;
    const token = { country_code: 'DE', party_id: 'MSP', uid: 'U1', contract_id: 'C1', last_updated: TS };
    // Act
    await emsp.hubRequest('PUT', `${pair.cpo.endpointUrl('tokens', 'RECEIVER')}/DE/MSP/U1?type=RFID`, {
      body: { ...token, type: 'RFID' },
    });
    await emsp.hubRequest('PUT', `${pair.cpo.endpointUrl('tokens', 'RECEIVER')}/DE/MSP/U1?type=APP_USER`, {
      body: { ...token, type: 'APP_USER' },
    });
    // Assess
    expect(pair.cpo.storedAll('tokens')).toHaveLength(2);
    expect(pair.cpo.stored('tokens', 'DE', 'MSP', 'U1', 'APP_USER')).toMatchObject({ type: 'APP_USER' });
  });

  it('stores a ClientInfo pushed to hubclientinfo without routing headers', async () => {
    // Prepare
    const info = { country_code: 'FR', party_id: 'XYZ', role: 'CPO', status: 'CONNECTED', last_updated: TS };
    // Act
    const response = await pair.cpo.hubRequest('PUT', 'hubclientinfo/FR/XYZ', { body: info });
    // Assess
    expect(response.status).toBe(201);
    expect(pair.emsp.stored('hubclientinfo', 'FR', 'XYZ', '')).toMatchObject({ status: 'CONNECTED' });
    expect(pair.emsp.received[0]?.headers['ocpi-from-country-code']).toBeUndefined();
  });

  it('finds nothing at a URL joined with a double slash', async () => {
    // Act
    const url = `${pair.emsp.endpointUrl('locations', 'RECEIVER')}//NL/CPO/LOC1`;
    const response = await pair.cpo.hubRequest('PUT', url, { body: location() });
    // Assess
    expect(response.status).toBe(404);
  });

  it('echoes the request ids and reverses the routing headers', async () => {
    // Act
    const response = await pair.cpo.pushLocation(location(), {
      to: { country_code: 'DE', party_id: 'MSP' },
      correlationId: 'corr-1',
    });
    // Assess
    expect(response.headers['x-correlation-id']).toBe('corr-1');
    expect(response.headers['x-request-id']).toBe(pair.emsp.requests.at(-1)?.headers['x-request-id']);
    expect(response.headers['ocpi-to-party-id']).toBe('CPO');
    expect(response.headers['ocpi-from-party-id']).toBe('MSP');
  });
});
