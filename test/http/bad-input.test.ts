import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdrOf, sessionOf } from '../hub/charging/charging-fixtures';
import { type ChargingNetwork, envelopeOf, startChargingNetwork } from '../hub/charging/charging-network';
import { locationOf } from '../hub/objects/object-fixtures';
import type { HubResponse, SimulatedPlatform } from '../partners';

const RECEIVER = '/demo/ocpi/2.2.1/receiver';

/**
 * Issue #10 (low): inputs from authenticated partners that used to answer HTTP 500. Every bad input
 * gets a 4xx or 2001 naming the field: tampered or foreign page cursors (both kinds), date_to before
 * date_from, JSON nested deeper than 32 levels, prototype keys, very long path segments and ids.
 */
describe('bad input from authenticated partners never answers 5xx', () => {
  let net: ChargingNetwork;
  let otherEmsp: SimulatedPlatform;

  beforeAll(async () => {
    net = await startChargingNetwork();
    otherEmsp = await net.join('EMSP', 'EMB');
    for (const [id, at] of [
      ['S1', '2024-02-01T10:00:00Z'],
      ['S2', '2024-02-02T10:00:00Z'],
      ['S3', '2024-02-03T10:00:00Z'],
    ] as const) {
      await net.cpo.hubRequest('PUT', `sessions/NL/CPA/${id}`, {
        body: sessionOf(net.cpoParty, net.emspParty, id, { last_updated: at }),
      });
      await net.cpo.postCdr(cdrOf(net.cpoParty, net.emspParty, `C${id}`, { last_updated: at }));
    }
    for (const id of ['L1', 'L2', 'L3'])
      await net.cpo.hubRequest('PUT', `locations/NL/CPA/${id}`, { body: locationOf(net.cpoParty, id) });
  });
  afterAll(async () => {
    await net?.close();
  });

  const refusedNaming = (answer: HubResponse, field: string) => {
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
    expect(envelopeOf(answer).status_code).toBe(2001);
    expect(envelopeOf(answer).status_message).toContain(field);
  };
  const nextLink = (answer: HubResponse) => /<([^>]+)>/.exec(answer.headers.link ?? '')?.[1] ?? '';
  /** The URL with its cursor parameter replaced by `edit(cursor)`. */
  const withCursor = (link: string, edit: (cursor: string) => string) => {
    const url = new URL(link);
    url.searchParams.set('cursor', edit(url.searchParams.get('cursor') ?? ''));
    return url.toString();
  };
  const flipLast = (s: string) => s.slice(0, -1) + (s.endsWith('A') ? 'B' : 'A');
  const forgedDatedCursor = (partition: string, gsi1sk: string) =>
    Buffer.from(JSON.stringify({ pk: 'X', sk: 'Y', gsi1pk: partition, gsi1sk })).toString('base64url');

  it.each(['sessions', 'cdrs'])(
    'keeps %s page cursors tamper-proof and bound to the eMSP that got them',
    async (module) => {
      // Prepare
      const first = await net.emsp.hubRequest('GET', `${module}?date_from=2024-01-01T00:00:00Z&limit=1`);
      const link = nextLink(first);
      expect(link).toContain('cursor=');
      // Act
      const followed = await net.emsp.hubRequest('GET', link);
      const byAnother = await otherEmsp.hubRequest('GET', link);
      const edited = await net.emsp.hubRequest('GET', withCursor(link, flipLast));
      const garbage = await net.emsp.hubRequest(
        'GET',
        withCursor(link, () => 'not-a-cursor'),
      );
      const otherFilters = await net.emsp.hubRequest(
        'GET',
        withCursor(`${link}`, (c) => c).replace(
          'date_from=2024-01-01T00%3A00%3A00Z',
          'date_from=2024-02-02T11%3A00%3A00Z',
        ),
      );
      // The unsigned form the store used to trust, pointing outside the query's range.
      const forged = await net.emsp.hubRequest(
        'GET',
        withCursor(link, () => forgedDatedCursor(`${module.toUpperCase()}#NL*EMA`, '0000')),
      );
      // Assess
      expect(envelopeOf(followed).status_code).toBe(1000);
      expect(envelopeOf(followed).data).toHaveLength(1);
      for (const answer of [byAnother, edited, garbage, otherFilters, forged])
        refusedNaming(answer, 'cursor');
    },
  );

  it('keeps the GET-all cursor of stored objects tamper-proof and bound to the party that got it', async () => {
    // Prepare
    const first = await net.emsp.hubRequest('GET', 'locations?limit=1');
    const link = nextLink(first);
    expect(link).toContain('cursor=');
    // Act
    const followed = await net.emsp.hubRequest('GET', link);
    const byAnother = await otherEmsp.hubRequest('GET', link);
    const edited = await net.emsp.hubRequest('GET', withCursor(link, flipLast));
    // Assess
    expect(envelopeOf(followed).status_code).toBe(1000);
    for (const answer of [byAnother, edited]) refusedNaming(answer, 'cursor');
  });

  it.each([
    ['sessions', 'sessions'],
    ['cdrs', 'cdrs'],
    ['locations', 'locations'],
  ])('answers 2001 naming date_to when it is before date_from (%s)', async (_label, module) => {
    // Act
    const answer = await net.emsp.hubRequest(
      'GET',
      `${module}?date_from=2024-02-03T00:00:00Z&date_to=2024-02-01T00:00:00Z`,
    );
    // Assess
    refusedNaming(answer, 'date_to');
  });

  it('answers 2001 to JSON nested deeper than 32 levels, pushed to the hub or forwarded', async () => {
    // Prepare
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = { a: deep };
    const location = { ...locationOf(net.cpoParty, 'L9'), directions: deep };
    // Act
    const stored = await net.cpo.hubRequest('PUT', 'locations/NL/CPA/L9', { body: location });
    const forwarded = await net.cpo.hubRequest('PUT', 'locations/NL/CPA/L9', {
      body: location,
      to: net.emspParty,
    });
    // Assess
    refusedNaming(stored, 'directions');
    refusedNaming(forwarded, 'directions');
    expect(envelopeOf(stored).status_message).toContain('32');
  });

  it.each([
    ['constructor', { constructor: { prototype: { polluted: true } } }],
    ['__proto__', JSON.parse('{"__proto__": {"polluted": true}}')],
    ['prototype', { evses: [{ prototype: 1 }] }],
  ])('answers 2001 naming a %s key anywhere in a body', async (key, extra) => {
    // Act
    const put = await net.cpo.hubRequest('PUT', 'locations/NL/CPA/L8', {
      body: { ...locationOf(net.cpoParty, 'L8'), ...extra },
    });
    const patch = await net.cpo.hubRequest('PATCH', 'sessions/NL/CPA/S1', {
      body: { ...extra, last_updated: '2024-03-01T00:00:00Z' },
    });
    // Assess
    refusedNaming(put, key);
    refusedNaming(patch, key);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['location_id', () => `${RECEIVER}/locations/NL/CPA/${'L'.repeat(3000)}`],
    ['evse_uid', () => `${RECEIVER}/locations/NL/CPA/L1/${'E'.repeat(3000)}`],
    ['tariff_id', () => `${RECEIVER}/tariffs/NL/CPA/${'T'.repeat(3000)}`],
    ['party_id', () => `${RECEIVER}/locations/NL/${'P'.repeat(3000)}/L1`],
  ])('answers 2001 naming %s for a path segment of 3000 characters', async (field, path) => {
    // Act
    const get = await net.cpo.hubRequest('GET', path());
    const put = await net.cpo.hubRequest('PUT', path(), { body: locationOf(net.cpoParty, 'L1') });
    // Assess
    refusedNaming(get, field);
    refusedNaming(put, field);
  });

  it('applies Location PATCHes that race a stream of EVSE PUTs of the same location, never answering 3000', async () => {
    // Prepare: eight writers keep adding EVSEs to L2, each one a rewrite of the same Location document.
    const evse = (locationOf(net.cpoParty, 'L2').evses as Array<Record<string, unknown>>)[0];
    let racing = true;
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let n = 0; racing; n++) {
        const uid = `W${w}N${n}`;
        await net.cpo.hubRequest('PUT', `locations/NL/CPA/L2/${uid}`, {
          body: { ...evse, uid, evse_id: `NL*CPA*E${w}N${n}` },
        });
      }
    });
    // Act: PATCHes one after another, each newer than the last, while the writers run.
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) {
      const answer = await net.cpo.hubRequest('PATCH', 'locations/NL/CPA/L2', {
        body: { name: `patched ${i}`, last_updated: `2025-01-01T00:0${i}:00Z` },
      });
      codes.push(envelopeOf(answer).status_code);
    }
    racing = false;
    await Promise.all(writers);
    // Assess
    expect(codes).toEqual(codes.map(() => 1000));
    const stored = await net.cpo.hubRequest('GET', 'locations/NL/CPA/L2', { iface: 'RECEIVER' });
    expect(envelopeOf(stored).data).toMatchObject({
      name: 'patched 9',
      last_updated: '2025-01-01T00:09:00Z',
    });
  });

  it('answers the admin API a very long partner id with 4xx in the admin shape', async () => {
    // Act
    const answers = await Promise.all(
      [
        ['GET', `/partners/${'p'.repeat(5000)}`],
        ['POST', `/partners/${'p'.repeat(5000)}/rotate`],
        ['DELETE', `/partners/${'p'.repeat(5000)}`],
        ['POST', `/deliveries/${'d'.repeat(5000)}/replay`],
        ['DELETE', `/tokens/${'t'.repeat(5000)}`],
      ].map(([method, path]) => net.hub.admin(method as string, path as string)),
    );
    // Assess
    for (const answer of answers) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    }
  });
});
