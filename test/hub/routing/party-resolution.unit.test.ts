import { describe, expect, it } from 'vitest';
import type { PartnerRole } from '../../../functions/domain/partner';
import type { Caller } from '../../../functions/hub/auth/credential-auth';
import type { TenantContext } from '../../../functions/hub/hub-runtime';
import { isHub, resolveFromParty } from '../../../functions/hub/routing/party-resolution';
import { InvalidParametersError } from '../../../functions/ocpi/errors';

const CPO: PartnerRole = { role: 'CPO', country_code: 'NL', party_id: 'ABC' };
const EMSP: PartnerRole = { role: 'EMSP', country_code: 'NL', party_id: 'ABC' };
const OTHER_EMSP: PartnerRole = { role: 'EMSP', country_code: 'BE', party_id: 'XYZ' };

const callerWith = (...roles: PartnerRole[]) => ({ partner: { id: 'p1', roles } }) as unknown as Caller;

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('resolveFromParty', () => {
  it('returns the caller role named by the FROM headers, case-insensitively', () => {
    // Act
    const from = resolveFromParty(callerWith(CPO, OTHER_EMSP), { country_code: 'be', party_id: 'xyz' });
    // Assess
    expect(from).toBe(OTHER_EMSP);
  });

  it('picks the expected role when one code holds several roles', () => {
    // Act
    const from = resolveFromParty(callerWith(CPO, EMSP), { country_code: 'NL', party_id: 'ABC' }, ['EMSP']);
    // Assess
    expect(from).toBe(EMSP);
  });

  it('refuses a FROM party the caller does not hold with 2001 naming OCPI-from-party-id', () => {
    // Act
    const err = thrown(() => resolveFromParty(callerWith(CPO), { country_code: 'DE', party_id: 'ABC' }));
    // Assess
    expect(err).toBeInstanceOf(InvalidParametersError);
    expect((err as InvalidParametersError).field).toBe('OCPI-from-party-id');
  });

  it('refuses a FROM party held in another role than expected', () => {
    // Act
    const err = thrown(() =>
      resolveFromParty(callerWith(CPO), { country_code: 'NL', party_id: 'ABC' }, ['EMSP']),
    );
    // Assess
    expect((err as InvalidParametersError).message).toContain('not as EMSP');
  });

  it('uses the only role when the FROM headers are absent', () => {
    // Act
    const from = resolveFromParty(callerWith(CPO), undefined);
    // Assess
    expect(from).toBe(CPO);
  });

  it('uses the only expected role of a multi-role caller when the FROM headers are absent', () => {
    // Act
    const from = resolveFromParty(callerWith(CPO, OTHER_EMSP), undefined, ['CPO']);
    // Assess
    expect(from).toBe(CPO);
  });

  it('requires the FROM headers from a caller with several roles', () => {
    // Act
    const err = thrown(() => resolveFromParty(callerWith(CPO, OTHER_EMSP), undefined));
    // Assess
    expect((err as InvalidParametersError).field).toBe('OCPI-from-party-id');
    expect((err as InvalidParametersError).message).toContain('several roles');
  });
});

describe('isHub', () => {
  const ctx = { tenant: { hub: { country_code: 'NL', party_id: 'HUB' } } } as unknown as TenantContext;

  it('recognises the hub party case-insensitively', () => {
    // Assess
    expect(isHub(ctx, { country_code: 'nl', party_id: 'hub' })).toBe(true);
    expect(isHub(ctx, { country_code: 'NL', party_id: 'ABC' })).toBe(false);
    expect(isHub(ctx, undefined)).toBe(false);
  });
});
