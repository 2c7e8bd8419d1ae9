import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdrOf } from '../hub/charging/charging-fixtures';
import { type ChargingNetwork, envelopeOf, startChargingNetwork } from '../hub/charging/charging-network';
import type { SimulatedPlatform } from '../partners';

describe('CDRs through the hub', () => {
  let net: ChargingNetwork;
  let otherEmsp: SimulatedPlatform;
  const otherEmspParty = { country_code: 'NL', party_id: 'EMB' };

  beforeAll(async () => {
    net = await startChargingNetwork();
    otherEmsp = await net.join('EMSP', 'EMB');
  });
  afterAll(async () => {
    await net?.close();
  });

  const cdrsAtEmsp = (id: string) =>
    net.emsp.received.filter((r) => r.module === 'cdrs' && (r.body as { id?: string })?.id === id);

  it('acknowledges a repeated CDR with the first answer and delivers it once', async () => {
    // Prepare
    const cdr = cdrOf(net.cpoParty, net.emspParty, 'DUP1');
    // Act
    const first = await net.cpo.postCdr(cdr);
    const reordered = Object.fromEntries(Object.entries(cdr).reverse());
    const second = await net.cpo.postCdr(reordered);
    await net.emsp.waitFor(() => cdrsAtEmsp('DUP1').length >= 1, 10_000);
    await net.hub.waitDeliveriesIdle();
    // Assess
    expect([first.status, envelopeOf(first).status_code]).toEqual([201, 1000]);
    expect([second.status, envelopeOf(second).status_code]).toEqual([201, 1000]);
    expect(second.headers.location).toBe(first.headers.location);
    expect(cdrsAtEmsp('DUP1')).toHaveLength(1);
  });

  it('refuses a different CDR under an existing id with 2001 and a clear message', async () => {
    // Prepare
    await net.cpo.postCdr(cdrOf(net.cpoParty, net.emspParty, 'CONF1'));
    // Act
    const changed = await net.cpo.postCdr(cdrOf(net.cpoParty, net.emspParty, 'CONF1', { total_energy: 99 }));
    await net.emsp.waitFor(() => cdrsAtEmsp('CONF1').length >= 1, 10_000);
    await net.hub.waitDeliveriesIdle();
    // Assess
    expect(envelopeOf(changed).status_code).toBe(2001);
    expect(envelopeOf(changed).status_message).toContain('credit CDR');
    expect(cdrsAtEmsp('CONF1')).toHaveLength(1);
  });

  it('accepts a credit CDR with its reference and a 39-character id', async () => {
    // Prepare
    const id = `${'C'.repeat(36)}-CR`;
    const credit = cdrOf(net.cpoParty, net.emspParty, id, {
      credit: true,
      credit_reference_id: 'CONF1',
      total_cost: { excl_vat: -4, incl_vat: -4.4 },
    });
    // Act
    const posted = await net.cpo.postCdr(credit);
    await net.emsp.waitFor(() => cdrsAtEmsp(id).length >= 1, 10_000);
    // Assess
    expect(envelopeOf(posted).status_code).toBe(1000);
    expect(cdrsAtEmsp(id)[0]?.body).toMatchObject({ credit: true, credit_reference_id: 'CONF1' });
  });

  it('lets only the eMSP of the CDR and its CPO read it at the hub Location', async () => {
    // Prepare
    const posted = await net.cpo.postCdr(cdrOf(net.cpoParty, net.emspParty, 'READ1'));
    const location = String(posted.headers.location);
    // Act
    const byEmsp = await net.emsp.hubRequest('GET', location);
    const byCpo = await net.cpo.hubRequest('GET', location);
    const byOther = await otherEmsp.hubRequest('GET', location);
    // Assess
    expect(envelopeOf(byEmsp).data).toMatchObject({ id: 'READ1' });
    expect(envelopeOf(byCpo).data).toMatchObject({ id: 'READ1' });
    expect(byOther.status).toBe(404);
    expect(envelopeOf(byOther).data).toBeUndefined();
  });

  it('lists an eMSP only its own CDRs, paginated with date filters', async () => {
    // Prepare
    for (const [id, at] of [
      ['P1', '2024-02-01T10:00:00Z'],
      ['P2', '2024-02-02T10:00:00Z'],
      ['P3', '2024-02-03T10:00:00Z'],
    ] as const) {
      await net.cpo.postCdr(cdrOf(net.cpoParty, net.emspParty, id, { last_updated: at }));
    }
    await net.cpo.postCdr(
      cdrOf(net.cpoParty, otherEmspParty, 'OTHER1', { last_updated: '2024-02-02T12:00:00Z' }),
    );
    // Act
    const page1 = await net.emsp.hubRequest(
      'GET',
      'cdrs?date_from=2024-02-01T00:00:00Z&date_to=2024-02-04T00:00:00Z&limit=2',
    );
    const next = /<([^>]+)>/.exec(page1.headers.link ?? '')?.[1] ?? '';
    const page2 = await net.emsp.hubRequest('GET', next);
    const others = await otherEmsp.hubRequest('GET', 'cdrs?date_from=2024-02-01T00:00:00Z');
    // Assess
    expect(envelopeOf(page1).data.map((c: { id: string }) => c.id)).toEqual(['P1', 'P2']);
    expect(page1.headers['x-total-count']).toBe('3');
    expect(envelopeOf(page2).data.map((c: { id: string }) => c.id)).toEqual(['P3']);
    expect(page2.headers.link).toBeUndefined();
    expect(envelopeOf(others).data.map((c: { id: string }) => c.id)).toEqual(['OTHER1']);
  });

  it("refuses a CDR posted for another CPO's party", async () => {
    // Prepare
    const foreign = cdrOf({ country_code: 'NL', party_id: 'XXX' }, net.emspParty, 'FOREIGN1');
    // Act
    const posted = await net.cpo.postCdr(foreign, { from: net.cpoParty });
    // Assess
    expect(envelopeOf(posted).status_code).toBe(2001);
    expect(cdrsAtEmsp('FOREIGN1')).toHaveLength(0);
  });

  it('refuses an eMSP posting a CDR', async () => {
    // Act
    const posted = await net.emsp.hubRequest('POST', '/demo/ocpi/2.2.1/receiver/cdrs', {
      body: cdrOf(net.cpoParty, net.emspParty, 'BYEMSP'),
    });
    // Assess
    expect(envelopeOf(posted).status_code).toBe(2001);
    expect(envelopeOf(posted).status_message).toContain('OCPI-from-party-id');
  });

  it('answers 2001 naming the field for a missing, a mistyped and a too long field', async () => {
    // Prepare
    const { total_cost: _omitted, ...missing } = cdrOf(net.cpoParty, net.emspParty, 'BAD1');
    const mistyped = cdrOf(net.cpoParty, net.emspParty, 'BAD2', { total_energy: 'lots' });
    const tooLong = cdrOf(net.cpoParty, net.emspParty, 'X'.repeat(37));
    // Act
    const answers = await Promise.all([missing, mistyped, tooLong].map((body) => net.cpo.postCdr(body)));
    // Assess
    expect(answers.map((a) => envelopeOf(a).status_code)).toEqual([2001, 2001, 2001]);
    expect(envelopeOf(answers[0] as { body: unknown }).status_message).toContain('total_cost');
    expect(envelopeOf(answers[1] as { body: unknown }).status_message).toContain('total_energy');
    expect(envelopeOf(answers[2] as { body: unknown }).status_message).toContain('id');
  });

  it('answers 413 for an oversized body and 400 for one that is not JSON', async () => {
    // Act
    const huge = await net.cpo.postCdr(
      cdrOf(net.cpoParty, net.emspParty, 'HUGE', { remark: 'x'.repeat(1_100_000) }),
    );
    const garbage = await net.cpo.hubRequest('POST', 'cdrs', { body: '{not json' });
    // Assess
    expect(huge.status).toBe(413);
    expect(garbage.status).toBe(400);
  });
});
