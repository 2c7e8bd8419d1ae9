import { describe, expect, it } from 'vitest';
import { at, locationOf } from '../hub/objects/object-fixtures';
import { hubWithPlatforms } from '../support/platforms';

type Envelope = { status_code: number; status_message?: string; data?: Array<Record<string, unknown>> };

/** Tolerant reader with telemetry (issue #11) on traffic the hub forwards: the receiver's deviations. */
describe('leniencies the hub records in forwarded answers', () => {
  const fx = hubWithPlatforms();
  const countsOf = async (partnerId: string): Promise<Record<string, number>> =>
    (await fx.hub.admin('GET', `/partners/${partnerId}`)).body.leniencies.counts;

  it("counts the unknown fields of a receiver's answer to a routed GET, and passes them on", async () => {
    // Prepare
    const { platform: cpo, partnerId } = await fx.pool.registered(fx.hub, 'CPO', 'UF1');
    const { platform: emsp } = await fx.pool.registered(fx.hub, 'EMSP', 'UF2');
    const to = { country_code: 'NL', party_id: 'UF1' };
    cpo.seed('locations', [locationOf(to, 'UFL1', at(1))]);
    const before = await countsOf(partnerId);
    cpo.behave('extra-fields');
    // Act
    const res = await emsp.hubRequest('GET', 'locations', { to });
    // Assess
    expect(before.unknown_fields).toBeUndefined();
    const page = res.body as Envelope;
    expect(page.status_code).toBe(1000);
    expect(page.data?.[0]).toHaveProperty('x_vendor_extension');
    expect((await countsOf(partnerId)).unknown_fields).toBeGreaterThan(0);
  });

  it('counts nothing for a receiver whose answer has only OCPI fields', async () => {
    // Prepare
    const { platform: cpo, partnerId } = await fx.pool.registered(fx.hub, 'CPO', 'UF3');
    const { platform: emsp } = await fx.pool.registered(fx.hub, 'EMSP', 'UF4');
    const to = { country_code: 'NL', party_id: 'UF3' };
    cpo.seed('locations', [locationOf(to, 'UFL3', at(1))]);
    // Act
    const res = await emsp.hubRequest('GET', 'locations/UFL3', { to });
    // Assess
    expect((res.body as Envelope).status_code).toBe(1000);
    expect(await countsOf(partnerId)).toEqual({});
  });

  it('counts a 403 for 401 on a forwarded request and answers 4003 instead of relaying it', async () => {
    // Prepare: the hub's token at the CPO is wrong, and the CPO refuses it with 403.
    const { platform: cpo, partnerId } = await fx.pool.registered(fx.hub, 'CPO', 'FB1');
    const { platform: emsp } = await fx.pool.registered(fx.hub, 'EMSP', 'FB2');
    const to = { country_code: 'NL', party_id: 'FB1' };
    const partners = fx.hub.runtime.stores.forTenant('demo').partners;
    const partner = await partners.get(partnerId);
    if (!partner) throw new Error('partner missing');
    await partners.save(
      { ...partner, outbound_token_enc: fx.hub.runtime.keys.encrypt('not-the-token') },
      partner.rev,
    );
    cpo.behave('status-403-for-401');
    const before = await countsOf(partnerId);
    // Act
    const res = await emsp.hubRequest('GET', 'locations/L1', { to });
    // Assess
    expect(before.status_403_for_401).toBeUndefined();
    expect(res.body).toMatchObject({
      status_code: 4003,
      status_message: expect.stringContaining("refused the hub's credentials (HTTP 403)"),
    });
    expect(cpo.requests.some((r) => r.path.endsWith('/locations/L1') && r.failedAs === undefined)).toBe(true);
    expect((await countsOf(partnerId)).status_403_for_401).toBeGreaterThan(0);
  });
});
