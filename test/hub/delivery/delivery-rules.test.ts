import { describe, expect, it } from 'vitest';
import type { ClientInfoRecord } from '../../../functions/domain/client-info';
import type { Partner, PartyRoleName } from '../../../functions/domain/partner';
import { DEFAULT_DELIVERY_POLICY, retryDelayMs } from '../../../functions/hub/delivery/delivery-policy';
import { receiversOf } from '../../../functions/hub/delivery/fan-out-targets';
import { isSupersededBy } from '../../../functions/hub/delivery/superseding';
import type { DeliveryRecord } from '../../../functions/store/delivery.repository';
import { locationMessage } from './delivery-test-hub';

const delivery = (method: string, path: string, query?: string) =>
  ({ method, path, ...(query ? { query } : {}) }) as DeliveryRecord;

describe('isSupersededBy', () => {
  it('supersedes an update by a later PUT of the same object or of its parent', () => {
    // Assess
    expect(isSupersededBy(delivery('PUT', 'NL/CP1/L1'), delivery('PUT', 'NL/CP1/L1'))).toBe(true);
    expect(isSupersededBy(delivery('PATCH', 'NL/CP1/L1/E1'), delivery('PUT', 'NL/CP1/L1'))).toBe(true);
    expect(isSupersededBy(delivery('PUT', 'NL/CP1/T1'), delivery('DELETE', 'NL/CP1/T1'))).toBe(true);
  });

  it('never supersedes by a PATCH, a sibling object or another token type', () => {
    // Assess
    expect(isSupersededBy(delivery('PATCH', 'NL/CP1/L1'), delivery('PATCH', 'NL/CP1/L1'))).toBe(false);
    expect(isSupersededBy(delivery('PUT', 'NL/CP1/L1/E1'), delivery('PUT', 'NL/CP1/L1/E2'))).toBe(false);
    expect(isSupersededBy(delivery('PUT', 'NL/CP1/L10'), delivery('PUT', 'NL/CP1/L1'))).toBe(false);
    expect(
      isSupersededBy(
        delivery('PUT', 'NL/EM1/T1', 'type=RFID'),
        delivery('PUT', 'NL/EM1/T1', 'type=APP_USER'),
      ),
    ).toBe(false);
  });
});

describe('retryDelayMs', () => {
  it('grows exponentially, stays within the cap and keeps at least half the delay', () => {
    // Prepare
    const policy = { ...DEFAULT_DELIVERY_POLICY, baseDelayMs: 1_000, maxDelayMs: 10_000 };
    // Act
    const low = [1, 2, 3, 10].map((n) => retryDelayMs(n, policy, () => 0));
    const high = [1, 2, 3, 10].map((n) => retryDelayMs(n, policy, () => 1));
    // Assess
    expect(low).toEqual([500, 1_000, 2_000, 5_000]);
    expect(high).toEqual([1_000, 2_000, 4_000, 10_000]);
  });
});

describe('receiversOf', () => {
  const party = (
    partnerId: string,
    role: PartyRoleName,
    pid: string,
    status = 'CONNECTED',
  ): ClientInfoRecord =>
    ({
      partner_id: partnerId,
      country_code: 'NL',
      party_id: pid,
      role,
      status,
      last_updated: '2026-01-01T00:00:00Z',
    }) as ClientInfoRecord;
  const partner = (id: string, modules: string[], status = 'CONNECTED'): Partner =>
    ({
      id,
      status,
      outbound_token_enc: 'x',
      endpoints: modules.map((identifier) => ({ identifier, role: 'RECEIVER', url: 'http://p.test' })),
    }) as unknown as Partner;

  it('sends CPO data to connected eMSPs, NSPs and OTHERs with a Receiver, never to the owner or the offline', () => {
    // Prepare
    const parties = [
      party('cpo', 'CPO', 'CP1'),
      party('cpo', 'EMSP', 'CP1'),
      party('e1', 'EMSP', 'EM1'),
      party('n1', 'NSP', 'NS1'),
      party('o1', 'OTHER', 'OT1'),
      party('e2', 'EMSP', 'EM2', 'OFFLINE'),
      party('e3', 'EMSP', 'EM3'),
      party('c2', 'CPO', 'CP2'),
    ];
    const partners = new Map(
      [
        partner('cpo', ['locations']),
        partner('e1', ['locations']),
        partner('n1', ['locations']),
        partner('o1', ['locations']),
        partner('e2', ['locations'], 'OFFLINE'),
        partner('e3', ['tokens']),
        partner('c2', ['locations']),
      ].map((p) => [p.id, p]),
    );
    // Act
    const receivers = receiversOf(locationMessage('L1', { body: {} }), parties, partners);
    // Assess
    expect(receivers.map((r) => r.key).sort()).toEqual(['NL*EM1*EMSP', 'NL*NS1*NSP', 'NL*OT1*OTHER']);
  });
});
