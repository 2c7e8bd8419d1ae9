import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLinkHeader } from '../../functions/ocpi/pagination';
import type { HubResponse, SimulatedPlatform } from '../partners';
import { type RoutingFixture, startRoutingFixture } from './relay-harness';

const CPO = { country_code: 'NL', party_id: 'CP1' };

type Envelope = { status_code: number; status_message?: string; data?: Array<{ id: string }> };
const envelopeOf = (res: HubResponse) => res.body as Envelope;

const locations = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    country_code: 'NL',
    party_id: 'CP1',
    id: `LOC${i + 1}`,
    last_updated: `2024-05-0${i + 1}T10:00:00Z`,
  }));

describe('forwarded pagination through the hub', () => {
  let fx: RoutingFixture;
  let cpo: SimulatedPlatform;
  let emsp: SimulatedPlatform;
  let otherEmsp: SimulatedPlatform;

  beforeAll(async () => {
    fx = await startRoutingFixture();
    cpo = (await fx.connect({ role: 'CPO', ...CPO })).platform;
    emsp = (await fx.connect({ role: 'EMSP', country_code: 'NL', party_id: 'EM1' })).platform;
    otherEmsp = (await fx.connect({ role: 'EMSP', country_code: 'NL', party_id: 'EM2' })).platform;
    cpo.setPageLimit(2);
    cpo.seed('locations', locations(5));
  });
  afterAll(async () => {
    await fx?.stop();
  });

  it('rewrites Link to a hub URL and follows a 3-page pull to the end through the hub', async () => {
    // Prepare
    const ids: string[] = [];
    const links: string[] = [];
    cpo.clearRequests();
    // Act
    let res = await emsp.hubRequest('GET', 'locations?date_from=2024-01-01T00:00:00Z', { to: CPO });
    for (;;) {
      ids.push(...(envelopeOf(res).data ?? []).map((l) => l.id));
      const next = parseLinkHeader(res.headers.link);
      if (!next) break;
      links.push(next);
      res = await emsp.hubRequest('GET', next, { to: CPO });
    }
    // Assess
    expect(ids).toEqual(['LOC1', 'LOC2', 'LOC3', 'LOC4', 'LOC5']);
    expect(links).toHaveLength(2);
    for (const link of links) {
      expect(link.startsWith(`${fx.baseUrl}/demo/ocpi/2.2.1/sender/locations?link=`)).toBe(true);
      expect(link).not.toContain(cpo.baseUrl);
    }
    expect(res.headers['x-total-count']).toBe('5');
    const pulls = cpo.requests.filter((r) => r.method === 'GET');
    expect(pulls.map((r) => new URLSearchParams(r.query).get('offset'))).toEqual([null, '2', '4']);
    expect(pulls.every((r) => new URLSearchParams(r.query).get('date_from') === '2024-01-01T00:00:00Z')).toBe(
      true,
    );
  });

  it('follows a link without routing headers and keeps the first request parties', async () => {
    // Prepare
    const first = await emsp.hubRequest('GET', 'locations', { to: CPO });
    const next = parseLinkHeader(first.headers.link) ?? '';
    cpo.clearRequests();
    // Act
    const res = await emsp.hubRequest('GET', next, { from: false, correlationId: 'corr-page-2' });
    // Assess
    expect(envelopeOf(res).data?.map((l) => l.id)).toEqual(['LOC3', 'LOC4']);
    // HubClientInfo pushes broadcast in the background may reach the CPO meanwhile: pick the page GET.
    const pull = cpo.requests.find((r) => r.method === 'GET' && r.path.includes('/locations'));
    expect(pull?.headers).toMatchObject({
      'ocpi-from-party-id': 'EM1',
      'ocpi-to-party-id': 'CP1',
      'x-correlation-id': 'corr-page-2',
    });
  });

  it('refuses a continuation link used by another partner without calling the target', async () => {
    // Prepare
    const first = await emsp.hubRequest('GET', 'locations', { to: CPO });
    const next = parseLinkHeader(first.headers.link) ?? '';
    cpo.clearRequests();
    // Act
    const res = await otherEmsp.hubRequest('GET', next, { to: CPO });
    // Assess
    expect(res.status).toBe(200);
    expect(envelopeOf(res).status_code).toBe(2001);
    expect(envelopeOf(res).status_message).toContain('link');
    // ClientInfo pushes from the delivery worker may arrive at any time; only location pulls count.
    expect(cpo.requests.filter((r) => r.path.includes('/locations'))).toHaveLength(0);
  });

  it('refuses an unknown link with 2001', async () => {
    // Act
    const res = await emsp.hubRequest('GET', 'locations?link=AAAAAAAAAAAAAAAAAAAAAA', { to: CPO });
    // Assess
    expect(envelopeOf(res).status_code).toBe(2001);
  });

  it('refuses a link followed with routing headers naming other parties', async () => {
    // Prepare
    const first = await emsp.hubRequest('GET', 'locations', { to: CPO });
    const next = parseLinkHeader(first.headers.link) ?? '';
    // Act
    const res = await emsp.hubRequest('GET', next, { to: { country_code: 'NL', party_id: 'EM2' } });
    // Assess
    expect(envelopeOf(res).status_code).toBe(2001);
    expect(envelopeOf(res).status_message).toContain('OCPI-to-party-id');
  });
});
