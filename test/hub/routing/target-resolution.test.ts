import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClientInfoRecord } from '../../../functions/domain/client-info';
import type { Partner, PartnerRole, PartnerStatus } from '../../../functions/domain/partner';
import type { HubRuntime, TenantContext } from '../../../functions/hub/hub-runtime';
import { forgetPartnerTargets, resolveTargetParty } from '../../../functions/hub/routing/party-resolution';
import { ReceiverNotConnectedError, UnknownReceiverError } from '../../../functions/ocpi/errors';
import { TenantRepositories } from '../../../functions/store/tenant-repositories';
import { TenantTable } from '../../../functions/store/tenant-table';
import { createTestTable, testDataClient } from '../../support/dynamo';

const AT = '2024-05-01T10:00:00.000Z';

describe('resolveTargetParty', () => {
  let ctx: TenantContext;

  async function addPartner(status: PartnerStatus, ...roles: PartnerRole[]): Promise<Partner> {
    const partner: Partner = {
      id: randomUUID(),
      name: 'p',
      status,
      roles,
      created_at: AT,
      updated_at: AT,
      rev: 1,
      endpoints: [],
      outbound_token_encoding: 'base64',
    };
    const parties: ClientInfoRecord[] = roles.map((r) => ({
      partner_id: partner.id,
      country_code: r.country_code,
      party_id: r.party_id,
      role: r.role,
      status,
      last_updated: AT,
    }));
    await ctx.store.partners.create(partner, parties);
    return partner;
  }

  beforeAll(async () => {
    const table = new TenantTable(testDataClient(), await createTestTable('routing'));
    ctx = {
      tenant: { id: 'demo', hub: { country_code: 'NL', party_id: 'HUB' } },
      store: new TenantRepositories(table),
      runtime: {} as HubRuntime,
    } as unknown as TenantContext;
  });

  it('finds the connected party of a code case-insensitively, with its partner', async () => {
    // Prepare
    const cpo = await addPartner('CONNECTED', { role: 'CPO', country_code: 'NL', party_id: 'TR1' });
    // Act
    const target = await resolveTargetParty(ctx, { country_code: 'nl', party_id: 'tr1' });
    // Assess
    expect(target.party).toMatchObject({ role: 'CPO', partner_id: cpo.id });
    expect(target.partner.id).toBe(cpo.id);
  });

  it('restricts the lookup to the given roles when one code has several', async () => {
    // Prepare
    await addPartner('CONNECTED', { role: 'CPO', country_code: 'NL', party_id: 'TR2' });
    const emsp = await addPartner('CONNECTED', { role: 'EMSP', country_code: 'NL', party_id: 'TR2' });
    // Act
    const target = await resolveTargetParty(ctx, { country_code: 'NL', party_id: 'TR2' }, ['EMSP']);
    // Assess
    expect(target.partner.id).toBe(emsp.id);
  });

  it('answers 4001 for an unknown code and for a code without the wanted role', async () => {
    // Prepare
    await addPartner('CONNECTED', { role: 'EMSP', country_code: 'NL', party_id: 'TR3' });
    // Act
    const unknown = await resolveTargetParty(ctx, { country_code: 'DE', party_id: 'NOP' }).catch(
      (e: unknown) => e,
    );
    const wrongRole = await resolveTargetParty(ctx, { country_code: 'NL', party_id: 'TR3' }, ['CPO']).catch(
      (e: unknown) => e,
    );
    // Assess
    expect(unknown).toBeInstanceOf(UnknownReceiverError);
    expect((wrongRole as Error).message).toContain('with role CPO');
  });

  it('answers 4003 for a party that is planned or offline', async () => {
    // Prepare
    await addPartner('PLANNED', { role: 'CPO', country_code: 'NL', party_id: 'TR4' });
    await addPartner('OFFLINE', { role: 'CPO', country_code: 'NL', party_id: 'TR5' });
    // Act (each awaited at once: a second promise left pending would reject unhandled meanwhile)
    const planned = await resolveTargetParty(ctx, { country_code: 'NL', party_id: 'TR4' }).catch(
      (e: unknown) => e,
    );
    const offline = await resolveTargetParty(ctx, { country_code: 'NL', party_id: 'TR5' }).catch(
      (e: unknown) => e,
    );
    // Assess
    expect(planned).toBeInstanceOf(ReceiverNotConnectedError);
    expect(offline).toBeInstanceOf(ReceiverNotConnectedError);
    expect((offline as Error).message).toContain('status OFFLINE');
  });

  it('serves a repeated resolution from the in-process cache', async () => {
    // Prepare
    await addPartner('CONNECTED', { role: 'CPO', country_code: 'NL', party_id: 'TR6' });
    const lookups = vi.spyOn(ctx.store.partners, 'findPartiesByCode');
    // Act
    await resolveTargetParty(ctx, { country_code: 'NL', party_id: 'TR6' });
    await resolveTargetParty(ctx, { country_code: 'nl', party_id: 'tr6' });
    // Assess
    expect(lookups).toHaveBeenCalledTimes(1);
    lookups.mockRestore();
  });

  it('does not cache a party that is not connected yet', async () => {
    // Prepare
    const planned = await addPartner('PLANNED', { role: 'CPO', country_code: 'NL', party_id: 'TR7' });
    await expect(resolveTargetParty(ctx, { country_code: 'NL', party_id: 'TR7' })).rejects.toThrow();
    const party = { partner_id: planned.id, country_code: 'NL', party_id: 'TR7', role: 'CPO' as const };
    await ctx.store.partners.save({ ...planned, status: 'CONNECTED' }, planned.rev, [
      ctx.store.partners.partyPut({ ...party, status: 'CONNECTED', last_updated: AT }),
    ]);
    // Act
    const target = await resolveTargetParty(ctx, { country_code: 'NL', party_id: 'TR7' });
    // Assess
    expect(target.partner.status).toBe('CONNECTED');
  });

  it('reads the store again after the partner is forgotten', async () => {
    // Prepare
    const cpo = await addPartner('CONNECTED', { role: 'CPO', country_code: 'NL', party_id: 'TR8' });
    await resolveTargetParty(ctx, { country_code: 'NL', party_id: 'TR8' });
    const lookups = vi.spyOn(ctx.store.partners, 'findPartiesByCode');
    // Act
    forgetPartnerTargets(ctx, cpo.id);
    await resolveTargetParty(ctx, { country_code: 'NL', party_id: 'TR8' });
    // Assess
    expect(lookups).toHaveBeenCalledTimes(1);
    lookups.mockRestore();
  });

  it('serves an aging target at once and re-reads it in the background, dropping it once not connected', async () => {
    // Prepare
    const cpo = await addPartner('CONNECTED', { role: 'CPO', country_code: 'NL', party_id: 'TR9' });
    const to = { country_code: 'NL', party_id: 'TR9' };
    const started = Date.now();
    let elapsedMs = 0;
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => started + elapsedMs);
    await resolveTargetParty(ctx, to);
    // Another process suspends the partner: this one is not told.
    await ctx.store.partners.save({ ...cpo, status: 'OFFLINE' }, cpo.rev, []);
    const lookups = vi.spyOn(ctx.store.partners, 'findPartiesByCode');
    const partnerReads = vi.spyOn(ctx.store.partners, 'get');
    elapsedMs = 4_500;
    // Act
    const served = await resolveTargetParty(ctx, to);
    const backgroundRead = lookups.mock.results[0]?.value;
    await backgroundRead;
    await vi.waitFor(() => expect(partnerReads).toHaveBeenCalled());
    await partnerReads.mock.results[0]?.value;
    await new Promise((resolve) => setImmediate(resolve));
    const afterReload = await resolveTargetParty(ctx, to).catch((e: unknown) => e);
    // Assess
    expect(served.partner.status).toBe('CONNECTED');
    expect(backgroundRead).toBeInstanceOf(Promise);
    expect(afterReload).toBeInstanceOf(ReceiverNotConnectedError);
    clock.mockRestore();
    lookups.mockRestore();
    partnerReads.mockRestore();
  });
});
