import { describe, expect, it } from 'vitest';
import {
  AuthorizationInfoSchema,
  LocationReferencesSchema,
  TokenPatchSchema,
  TokenSchema,
} from '../../../functions/ocpi/schemas';
import { issuePaths } from './issue-paths';
import { loadExample } from './load-example';

type Json = Record<string, unknown>;

function rfidToken(): Json {
  return loadExample('token_example_2_full_rfid.json');
}

describe('TokenSchema', () => {
  it.each([
    ['uid', 'U'.repeat(37)],
    ['contract_id', 'C'.repeat(37)],
    ['issuer', 'I'.repeat(65)],
    ['group_id', 'G'.repeat(37)],
    ['language', 'eng'],
  ])('rejects an oversized %s', (field, value) => {
    // Prepare
    const token = { ...rfidToken(), [field]: value };

    // Act + Assess
    expect(issuePaths(TokenSchema, token)).toEqual([field]);
  });

  it.each([
    ['whitelist', 'SOMETIMES'],
    ['type', 'RFID CARD'],
    ['valid', 'true'],
    ['default_profile_type', 'SLOW'],
  ])('rejects %s = %j', (field, value) => {
    // Prepare
    const token = { ...rfidToken(), [field]: value };

    // Act + Assess
    expect(issuePaths(TokenSchema, token)).toEqual([field]);
  });

  it('requires the supplier name of an energy contract', () => {
    // Prepare
    const token = { ...rfidToken(), energy_contract: { contract_id: '0123456789' } };

    // Act + Assess
    expect(issuePaths(TokenSchema, token)).toEqual(['energy_contract.supplier_name']);
  });
});

describe('TokenPatchSchema', () => {
  it('rejects a PATCH without last_updated', () => {
    // Act + Assess
    expect(issuePaths(TokenPatchSchema, { valid: false })).toEqual(['last_updated']);
  });

  it('accepts a PATCH that only invalidates the token and keeps unknown fields', () => {
    // Act
    const parsed = TokenPatchSchema.parse({
      valid: false,
      last_updated: '2019-06-19T02:11:11Z',
      x_reason: 'lost',
    });

    // Assess
    expect(parsed).toEqual({ valid: false, last_updated: '2019-06-19T02:11:11Z', x_reason: 'lost' });
  });

  it('validates a nested energy contract', () => {
    // Prepare
    const body = { energy_contract: { supplier_name: 'x'.repeat(65) }, last_updated: '2019-06-19T02:11:11Z' };

    // Act + Assess
    expect(issuePaths(TokenPatchSchema, body)).toEqual(['energy_contract.supplier_name']);
  });
});

describe('AuthorizationInfoSchema', () => {
  it('accepts a blocked token with location references and info', () => {
    // Prepare
    const info = {
      allowed: 'BLOCKED',
      token: rfidToken(),
      location: { location_id: 'LOC1', evse_uids: ['3256', '3257'] },
      authorization_reference: 'ref-1',
      info: { language: 'en', text: 'Card blocked' },
    };

    // Act + Assess
    expect(issuePaths(AuthorizationInfoSchema, info)).toEqual([]);
  });

  it('requires the full token', () => {
    // Prepare
    const token = rfidToken();
    delete token.issuer;

    // Act + Assess
    expect(issuePaths(AuthorizationInfoSchema, { allowed: 'ALLOWED', token })).toEqual(['token.issuer']);
  });

  it('rejects an unknown allowed value', () => {
    // Act + Assess
    expect(issuePaths(AuthorizationInfoSchema, { allowed: 'YES', token: rfidToken() })).toEqual(['allowed']);
  });

  it('requires location_id in location references', () => {
    // Act + Assess
    expect(issuePaths(LocationReferencesSchema, { evse_uids: ['3256'] })).toEqual(['location_id']);
  });
});
