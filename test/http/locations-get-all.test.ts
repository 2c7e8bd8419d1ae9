import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLinkHeader } from '../../functions/ocpi/pagination';
import { CP1, CP2, EM1, envelopeOf, HUB, type Network, startNetwork } from '../hub/objects/network';
import { at, locationOf } from '../hub/objects/object-fixtures';
import type { HubResponse, SimulatedPlatform } from '../partners';

describe('GET all locations via the hub', () => {
  let net: Network;
  /** Ids in last_updated order: 12 locations of two CPOs, interleaved. */
  const expected: string[] = [];

  beforeAll(async () => {
    net = await startNetwork();
    for (let minute = 1; minute <= 12; minute++) {
      const [cpo, owner] = minute % 3 === 0 ? [net.cpo2, CP2] : [net.cpo1, CP1];
      const id = `L${String(minute).padStart(2, '0')}`;
      expected.push(id);
      const res = await cpo.pushLocation(locationOf(owner, id, at(minute)), { to: HUB });
      if (res.status !== 201) throw new Error(`seeding ${id} failed: ${JSON.stringify(res.body)}`);
    }
    // The same id at both CPOs makes a single GET without TO ambiguous.
    await net.cpo1.pushLocation(locationOf(CP1, 'SHARED', at(100)), { to: HUB });
    await net.cpo2.pushLocation(locationOf(CP2, 'SHARED', at(100)), { to: HUB });
  });
  afterAll(async () => {
    await net?.close();
  });

  /** Follows `Link` from the first page to the last; every page is returned. */
  async function allPages(platform: SimulatedPlatform, first: string): Promise<HubResponse[]> {
    const pages: HubResponse[] = [];
    let next: string | undefined = first;
    while (next) {
      const page = await platform.hubRequest('GET', next, { to: HUB });
      pages.push(page);
      next = parseLinkHeader(page.headers.link);
      if (pages.length > 20) throw new Error('too many pages');
    }
    return pages;
  }
  const idsOf = (pages: HubResponse[]) =>
    pages.flatMap((p) => envelopeOf(p).data.map((l: { id: string }) => l.id));

  it('serves every CPO location over three pages, oldest last_updated first, following Link to the end', async () => {
    // Act
    const pages = await allPages(net.emsp1, 'locations?date_to=2024-01-01T01:00:00Z&limit=5');
    // Assess
    expect(pages.map((p) => envelopeOf(p).data.length)).toEqual([5, 5, 2]);
    expect(idsOf(pages)).toEqual(expected);
    for (const page of pages) {
      expect(page.status).toBe(200);
      expect(page.headers['x-total-count']).toBe('12');
      expect(page.headers['x-limit']).toBe('50');
      expect(page.headers['ocpi-from-party-id']).toBe('HUB');
      expect(page.headers['ocpi-to-party-id']).toBe('EM1');
    }
    expect(pages[2]?.headers.link).toBeUndefined();
    const link = new URL(parseLinkHeader(pages[0]?.headers.link) ?? '');
    expect(link.searchParams.get('date_to')).toBe('2024-01-01T01:00:00Z');
    expect(link.searchParams.get('limit')).toBe('5');
    expect(link.searchParams.get('offset')).toBe('5');
    expect(link.searchParams.get('cursor')).toBeTruthy();
  });

  it('applies date_from inclusive and date_to exclusive on every page', async () => {
    // Act
    const pages = await allPages(net.emsp2, `locations?date_from=${at(3)}&date_to=${at(10)}&limit=3`);
    // Assess
    expect(idsOf(pages)).toEqual(['L03', 'L04', 'L05', 'L06', 'L07', 'L08', 'L09']);
    expect(pages.map((p) => p.headers['x-total-count'])).toEqual(['7', '7', '7']);
    const link = new URL(parseLinkHeader(pages[1]?.headers.link) ?? '');
    expect(link.searchParams.get('date_from')).toBe(at(3));
    expect(link.searchParams.get('date_to')).toBe(at(10));
  });

  it('counts every stored location in X-Total-Count without filters', async () => {
    // Act
    const res = await net.emsp1.hubRequest('GET', 'locations?limit=1', { to: HUB });
    // Assess
    expect(res.headers['x-total-count']).toBe('14');
    expect(envelopeOf(res).data.map((l: { id: string }) => l.id)).toEqual(['L01']);
  });

  it('serves an explicit offset without a cursor', async () => {
    // Act
    const res = await net.emsp1.hubRequest('GET', `locations?offset=4&limit=3&date_to=${at(50)}`, {
      to: HUB,
    });
    // Assess
    expect(envelopeOf(res).data.map((l: { id: string }) => l.id)).toEqual(['L05', 'L06', 'L07']);
    expect(new URL(parseLinkHeader(res.headers.link) ?? '').searchParams.get('offset')).toBe('7');
  });

  it('answers an offset beyond the end with an empty page and no Link', async () => {
    // Act
    const res = await net.emsp1.hubRequest('GET', 'locations?offset=500', { to: HUB });
    // Assess
    expect(envelopeOf(res).data).toEqual([]);
    expect(res.headers.link).toBeUndefined();
    expect(res.headers['x-total-count']).toBe('14');
  });

  it('serves the list without OCPI-to headers too', async () => {
    // Act
    const res = await net.emsp1.hubRequest('GET', 'locations?limit=2');
    // Assess
    expect(envelopeOf(res).status_code).toBe(1000);
    expect(envelopeOf(res).data).toHaveLength(2);
  });

  it('refuses a tampered cursor with 2001', async () => {
    // Prepare
    const first = await net.emsp1.hubRequest('GET', 'locations?limit=2', { to: HUB });
    const link = new URL(parseLinkHeader(first.headers.link) ?? '');
    const cursor = link.searchParams.get('cursor') ?? '';
    link.searchParams.set('cursor', `${cursor.slice(0, 5)}A${cursor.slice(6)}`);
    // Act
    const res = await net.emsp1.hubRequest('GET', link.toString(), { to: HUB });
    // Assess
    expect(envelopeOf(res).status_code).toBe(2001);
    expect(envelopeOf(res).status_message).toContain('cursor');
  });

  it('refuses a cursor reused with other date filters', async () => {
    // Prepare
    const first = await net.emsp1.hubRequest('GET', 'locations?limit=2', { to: HUB });
    const link = new URL(parseLinkHeader(first.headers.link) ?? '');
    link.searchParams.set('date_from', at(8));
    // Act
    const res = await net.emsp1.hubRequest('GET', link.toString(), { to: HUB });
    // Assess
    expect(envelopeOf(res).status_code).toBe(2001);
  });

  it('refuses a list GET from a party that does not receive locations', async () => {
    // Act
    const res = await net.cpo1.hubRequest('GET', 'locations', { to: HUB, iface: 'SENDER' });
    // Assess
    expect(envelopeOf(res).status_code).toBe(2001);
  });

  it('forwards a list GET addressed to one CPO to that CPO', async () => {
    // Prepare
    net.cpo2.seed('locations', [locationOf(CP2, 'AT-CPO', at(1))]);
    // Act
    const res = await net.emsp1.hubRequest('GET', 'locations', { to: CP2 });
    // Assess
    expect(envelopeOf(res).data.map((l: { id: string }) => l.id)).toEqual(['AT-CPO']);
    expect(res.headers['ocpi-from-party-id']).toBe('CP2');
    expect(net.cpo2.requests.some((r) => r.path.endsWith('/sender/locations'))).toBe(true);
  });

  it('serves a single location, EVSE and connector by id without TO', async () => {
    // Act
    const location = await net.emsp1.hubRequest('GET', 'locations/L03');
    const evse = await net.emsp1.hubRequest('GET', 'locations/L03/3257', { to: HUB });
    const connector = await net.emsp1.hubRequest('GET', 'locations/L03/3256/2', { to: HUB });
    // Assess
    expect(envelopeOf(location).data).toMatchObject({ id: 'L03', country_code: 'DE', party_id: 'CP2' });
    expect(location.headers['ocpi-from-party-id']).toBe('HUB');
    expect(envelopeOf(evse).data).toMatchObject({ uid: '3257', status: 'RESERVED' });
    expect(envelopeOf(connector).data).toMatchObject({ id: '2', format: 'SOCKET' });
  });

  it('answers 404 for an unknown location or EVSE', async () => {
    // Act
    const location = await net.emsp1.hubRequest('GET', 'locations/NOPE', { to: HUB });
    const evse = await net.emsp1.hubRequest('GET', 'locations/L03/NOPE', { to: HUB });
    // Assess
    expect(location.status).toBe(404);
    expect(evse.status).toBe(404);
  });

  it('answers 2001 for an id two CPOs use, and forwards when TO names the CPO', async () => {
    // Prepare
    net.cpo1.seed('locations', [locationOf(CP1, 'SHARED', at(100))]);
    // Act
    const ambiguous = await net.emsp1.hubRequest('GET', 'locations/SHARED', { to: HUB });
    const direct = await net.emsp1.hubRequest('GET', 'locations/SHARED', { to: CP1 });
    // Assess
    expect(envelopeOf(ambiguous).status_code).toBe(2001);
    expect(envelopeOf(direct).data).toMatchObject({ id: 'SHARED', party_id: 'CP1' });
    expect(direct.headers['ocpi-from-party-id']).toBe('CP1');
    expect(direct.headers['ocpi-to-party-id']).toBe(EM1.party_id);
  });
});
