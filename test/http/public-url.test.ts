import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushLocation } from '../../functions/hub/objects/locations.service';
import { tokenOf } from '../hub/charging/charging-fixtures';
import { type ChargingNetwork, startChargingNetwork } from '../hub/charging/charging-network';
import { requestWithHost } from '../support/forged-host';

const FORGED_HOST = 'attacker.example:4444';

/**
 * Issue #10, finding 2: URLs the hub hands to partners come from its configured public URL, never
 * from the Host header of the request that caused them.
 */
describe('URLs handed to partners', () => {
  let net: ChargingNetwork;
  const location = {
    country_code: 'NL',
    party_id: 'CPA',
    id: 'LOC-HOST',
    publish: true,
    address: 'Street 1',
    city: 'Utrecht',
    country: 'NLD',
    coordinates: { latitude: '52.090737', longitude: '5.121420' },
    time_zone: 'Europe/Amsterdam',
    last_updated: '2024-01-01T00:00:00Z',
  };

  beforeAll(async () => {
    net = await startChargingNetwork();
    await pushLocation(net.tenantContext(), {
      owner: net.cpoParty,
      change: { method: 'PUT', path: { locationId: 'LOC-HOST' }, body: location },
      bodyText: JSON.stringify(location),
      correlationId: 'seed',
    });
  });
  afterAll(async () => {
    await net?.close();
  });

  it("gives the CPO a response_url on the configured hub URL when the eMSP's command carries a forged Host", async () => {
    // Prepare
    net.cpo.configureCommands({ response: 'ACCEPTED', timeout: 30, sendResult: false });
    const configured = `${net.hub.runtime.publicUrl}/demo/ocpi/2.2.1/sender/commands/`;
    // Act
    const answer = await requestWithHost(`${net.hub.url}/demo/ocpi/2.2.1/receiver/commands/START_SESSION`, {
      method: 'POST',
      host: FORGED_HOST,
      headers: {
        Authorization: `Token ${Buffer.from(net.emsp.hubToken ?? '').toString('base64')}`,
        'OCPI-from-country-code': 'NL',
        'OCPI-from-party-id': 'EMA',
      },
      body: {
        response_url: `${net.emsp.endpointUrl('commands', 'SENDER')}/START_SESSION/host-1`,
        token: tokenOf(net.emspParty, 'T-HOST'),
        location_id: 'LOC-HOST',
      },
    });
    // Assess
    expect(answer.status).toBe(200);
    const command = net.cpo.received.find(
      (r) => r.module === 'commands' && (r.body as { token?: { uid?: string } }).token?.uid === 'T-HOST',
    );
    const responseUrl = (command?.body as { response_url?: string } | undefined)?.response_url ?? '';
    expect(responseUrl.startsWith(configured)).toBe(true);
    expect(responseUrl).not.toContain('attacker.example');
  });

  it('answers the admin with a versions URL on the configured hub URL whatever the Host', async () => {
    // Act
    const created = await requestWithHost(`${net.hub.url}/demo/admin/partners`, {
      method: 'POST',
      host: FORGED_HOST,
      headers: { Authorization: `Bearer ${net.hub.adminTokens.get('demo')}` },
      body: { name: 'forged host', roles: [{ role: 'EMSP', country_code: 'NL', party_id: 'FHO' }] },
    });
    // Assess
    expect(created.status).toBe(201);
    expect((created.body as { versions_url: string }).versions_url).toBe(
      `${net.hub.runtime.publicUrl}/demo/ocpi/versions`,
    );
  });

  it('lists its version and endpoints on the configured hub URL whatever the Host', async () => {
    // Act
    const details = await requestWithHost(`${net.hub.url}/demo/ocpi/2.2.1`, {
      method: 'GET',
      host: FORGED_HOST,
      headers: { Authorization: `Token ${Buffer.from(net.emsp.hubToken ?? '').toString('base64')}` },
    });
    // Assess
    const endpoints = (details.body as { data: { endpoints: { url: string }[] } }).data.endpoints;
    expect(endpoints.length).toBeGreaterThan(0);
    expect(endpoints.every((e) => e.url.startsWith(`${net.hub.runtime.publicUrl}/demo/ocpi/2.2.1/`))).toBe(
      true,
    );
  });
});
