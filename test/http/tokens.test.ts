import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTenant } from '../../functions/hub/hub-runtime';
import { findTokenOwner } from '../../functions/hub/objects/object-owners';
import { parseLinkHeader } from '../../functions/ocpi/pagination';
import { CP1, EM1, EM2, envelopeOf, HUB, type Network, startNetwork } from '../hub/objects/network';
import { at, tokenOf } from '../hub/objects/object-fixtures';

describe('tokens pushed to the hub', () => {
  let net: Network;

  beforeAll(async () => {
    net = await startNetwork();
  });
  afterAll(async () => {
    await net?.close();
  });

  const readBack = (path: string) =>
    net.emsp1.hubRequest('GET', `tokens/${path}`, { to: HUB, iface: 'RECEIVER' });
  const tenant = () => {
    const config = net.hub.config.tenants[0]!;
    return openTenant(net.hub.runtime, config, net.hub.runtime.log);
  };

  it('stores a token per (uid, type): 201, then 200 on update, RFID by default', async () => {
    // Prepare
    const rfid = tokenOf(EM1, 'UID-1', at(1));
    const app = tokenOf(EM1, 'UID-1', at(1), 'APP_USER');
    // Act
    const created = await net.emsp1.pushToken(rfid, { to: HUB });
    const other = await net.emsp1.pushToken(app, { to: HUB });
    const updated = await net.emsp1.pushToken({ ...rfid, valid: false, last_updated: at(2) }, { to: HUB });
    // Assess
    expect([created.status, other.status, updated.status]).toEqual([201, 201, 200]);
    expect(created.headers['ocpi-to-party-id']).toBe('EM1');
    expect(envelopeOf(await readBack('NL/EM1/UID-1')).data.valid).toBe(false);
    expect(envelopeOf(await readBack('NL/EM1/UID-1?type=APP_USER')).data).toMatchObject({
      type: 'APP_USER',
      valid: true,
    });
  });

  it('merges a PATCH and ignores one older than the stored token', async () => {
    // Prepare
    await net.emsp1.pushToken(tokenOf(EM1, 'UID-P', at(10)), { to: HUB });
    // Act
    const patched = await net.emsp1.hubRequest('PATCH', 'tokens/NL/EM1/UID-P', {
      to: HUB,
      body: { valid: false, last_updated: at(11) },
    });
    const stale = await net.emsp1.hubRequest('PATCH', 'tokens/NL/EM1/UID-P', {
      to: HUB,
      body: { valid: true, last_updated: at(5) },
    });
    // Assess
    expect(envelopeOf(patched).status_code).toBe(1000);
    expect(envelopeOf(stale).status_message).toContain('not stored');
    const stored = envelopeOf(await readBack('NL/EM1/UID-P')).data;
    expect(stored).toMatchObject({ valid: false, last_updated: at(11), contract_id: 'DE8ACC12E46L89' });
    const outbox = await net.outbox('tokens:NL*EM1*UID-P*RFID');
    expect(outbox.map((m) => m.method)).toEqual(['PUT', 'PATCH']);
    expect(outbox[1]).toMatchObject({ query: { type: 'RFID' }, owner: { role: 'EMSP' } });
  });

  it('answers 2001 for a PATCH without last_updated, a type mismatch or a ?type that is no TokenType', async () => {
    // Prepare
    await net.emsp1.pushToken(tokenOf(EM1, 'UID-V', at(1)), { to: HUB });
    // Act
    const noDate = await net.emsp1.hubRequest('PATCH', 'tokens/NL/EM1/UID-V', {
      to: HUB,
      body: { valid: false },
    });
    const mismatch = await net.emsp1.hubRequest('PUT', 'tokens/NL/EM1/UID-V?type=APP_USER', {
      to: HUB,
      body: tokenOf(EM1, 'UID-V', at(2)),
    });
    const badType = await net.emsp1.hubRequest('GET', 'tokens/NL/EM1/UID-V?type=NOT%20A%20TYPE', {
      to: HUB,
      iface: 'RECEIVER',
    });
    // Assess
    expect(envelopeOf(noDate).status_message).toContain('last_updated');
    expect(envelopeOf(mismatch).status_message).toContain('type');
    expect(envelopeOf(badType).status_message).toContain('type');
    expect([noDate, mismatch, badType].map((r) => envelopeOf(r).status_code)).toEqual([2001, 2001, 2001]);
  });

  it('refuses a token pushed under another eMSP or by a CPO', async () => {
    // Act
    const otherEmsp = await net.emsp1.pushToken(tokenOf(EM2, 'UID-X'), { to: HUB, from: EM1 });
    const byCpo = await net.cpo1.hubRequest('PUT', 'tokens/NL/CP1/UID-X', {
      to: HUB,
      iface: 'RECEIVER',
      body: tokenOf(CP1, 'UID-X'),
    });
    // Assess
    expect(envelopeOf(otherEmsp).status_code).toBe(2001);
    expect(envelopeOf(byCpo).status_code).toBe(2001);
  });

  it('forwards a token addressed to one CPO to that CPO only, without storing it', async () => {
    // Prepare
    const token = tokenOf(EM2, 'UID-DIRECT', at(1));
    // Act
    const res = await net.emsp2.pushToken(token, { to: CP1 });
    // Assess
    expect(envelopeOf(res).status_code).toBe(1000);
    expect(net.cpo1.stored('tokens', 'BE', 'EM2', 'UID-DIRECT', 'RFID')).toEqual(token);
    expect(net.cpo2.requests.filter((r) => r.path.includes('UID-DIRECT'))).toHaveLength(0);
    const readBack2 = await net.emsp2.hubRequest('GET', 'tokens/BE/EM2/UID-DIRECT', {
      to: HUB,
      iface: 'RECEIVER',
    });
    expect(readBack2.status).toBe(404);
  });

  it('serves the stored tokens of every eMSP to a CPO, page by page', async () => {
    // Prepare
    for (let i = 0; i < 4; i++)
      await net.emsp2.pushToken(tokenOf(EM2, `PAGE-${i}`, at(1000 + i)), { to: HUB });
    // Act
    const first = await net.cpo1.hubRequest('GET', `tokens?date_from=${at(1000)}&limit=3`, { to: HUB });
    const second = await net.cpo1.hubRequest('GET', parseLinkHeader(first.headers.link) ?? '', { to: HUB });
    // Assess
    expect(envelopeOf(first).data.map((t: { uid: string }) => t.uid)).toEqual(['PAGE-0', 'PAGE-1', 'PAGE-2']);
    expect(envelopeOf(second).data.map((t: { uid: string }) => t.uid)).toEqual(['PAGE-3']);
    expect(first.headers['x-total-count']).toBe('4');
    expect(second.headers.link).toBeUndefined();
  });

  it('finds the owner of a stored token by uid, and no owner when the uid is unknown', async () => {
    // Prepare
    await net.emsp2.pushToken(tokenOf(EM2, 'OWNED', at(1), 'APP_USER'), { to: HUB });
    // Act
    const owner = await findTokenOwner(tenant(), 'owned');
    const byType = await findTokenOwner(tenant(), 'OWNED', 'APP_USER');
    const wrongType = await findTokenOwner(tenant(), 'OWNED', 'RFID');
    const unknown = await findTokenOwner(tenant(), 'NOBODY');
    // Assess
    expect(owner).toEqual(EM2);
    expect(byType).toEqual(EM2);
    expect(wrongType).toBeUndefined();
    expect(unknown).toBeUndefined();
  });
});
