import { describe, expect, it } from 'vitest';
import { CDRSchema, SignedDataSchema } from '../../../functions/ocpi/schemas';
import { issuePaths } from './issue-paths';
import { loadExample } from './load-example';

type Json = Record<string, unknown>;

function gentCdr(): Json & { cdr_location: Json; cdr_token: Json } {
  return loadExample('cdr_example.json');
}

describe('CDRSchema', () => {
  it('rejects a credit CDR without credit_reference_id', () => {
    // Prepare
    const cdr = gentCdr();
    Object.assign(cdr, { id: '12345-C', credit: true });

    // Act + Assess
    expect(issuePaths(CDRSchema, cdr)).toEqual(['credit_reference_id']);
  });

  it('accepts a credit CDR with a 39-character id', () => {
    // Prepare
    const cdr = gentCdr();
    Object.assign(cdr, { id: `${'C'.repeat(36)}-CR`, credit: true, credit_reference_id: 'C'.repeat(36) });

    // Act + Assess
    expect(issuePaths(CDRSchema, cdr)).toEqual([]);
  });

  it.each([
    [{}, 37],
    [{ credit: false }, 37],
  ])('rejects a non-credit CDR (%j) whose id has %i characters', (override, length) => {
    // Prepare
    const cdr = { ...gentCdr(), ...override, id: 'N'.repeat(length) };

    // Act + Assess
    expect(issuePaths(CDRSchema, cdr)).toEqual(['id']);
  });

  it('accepts a non-credit CDR id of 36 characters', () => {
    // Prepare
    const cdr = { ...gentCdr(), id: 'N'.repeat(36) };

    // Act + Assess
    expect(issuePaths(CDRSchema, cdr)).toEqual([]);
  });

  it('rejects a credit CDR id of 40 characters', () => {
    // Prepare
    const cdr = { ...gentCdr(), id: 'C'.repeat(40), credit: true, credit_reference_id: '12345' };

    // Act + Assess
    expect(issuePaths(CDRSchema, cdr)).toEqual(['id']);
  });

  it('keeps the old CdrLocation sizes: address 45 and state 20', () => {
    // Prepare
    const cdr = gentCdr();
    Object.assign(cdr.cdr_location, { address: 'a'.repeat(46), state: 's'.repeat(21) });

    // Act + Assess
    expect(issuePaths(CDRSchema, cdr)).toEqual(['cdr_location.address', 'cdr_location.state']);
  });

  it('accepts #NA for the EVSE and connector of a reservation-only CDR', () => {
    // Prepare
    const cdr = gentCdr();
    Object.assign(cdr.cdr_location, { evse_uid: '#NA', evse_id: '#NA', connector_id: '#NA' });

    // Act + Assess
    expect(issuePaths(CDRSchema, cdr)).toEqual([]);
  });

  it.each(['total_cost', 'total_energy', 'total_time', 'cdr_location', 'charging_periods'])(
    'requires %s',
    (field) => {
      // Prepare
      const cdr = gentCdr();
      delete cdr[field];

      // Act + Assess
      expect(issuePaths(CDRSchema, cdr)).toEqual([field]);
    },
  );

  it('rejects an empty charging_periods list', () => {
    // Prepare
    const cdr = { ...gentCdr(), charging_periods: [] };

    // Act + Assess
    expect(issuePaths(CDRSchema, cdr)).toEqual(['charging_periods']);
  });

  it('validates the embedded tariff snapshot', () => {
    // Prepare
    const cdr = gentCdr();
    (cdr.tariffs as Json[])[0]!.elements = [];

    // Act + Assess
    expect(issuePaths(CDRSchema, cdr)).toEqual(['tariffs[0].elements']);
  });

  it('keeps unknown fields of the CDR and its location', () => {
    // Prepare
    const cdr = gentCdr();
    cdr.x_billing = 'A';
    cdr.cdr_location.x_site = 'B';

    // Act
    const parsed = CDRSchema.parse(cdr);

    // Assess
    expect([parsed['x_billing'], parsed.cdr_location['x_site']]).toEqual(['A', 'B']);
  });
});

describe('SignedDataSchema', () => {
  const signedValue = { nature: 'Start', plain_data: 'p', signed_data: 's' };

  it('accepts plain_data of 5000 characters (errata size)', () => {
    // Prepare
    const data = {
      encoding_method: 'OCMF',
      signed_values: [{ ...signedValue, plain_data: 'p'.repeat(5000) }],
    };

    // Act + Assess
    expect(issuePaths(SignedDataSchema, data)).toEqual([]);
  });

  it('rejects plain_data over 5000 characters and an empty signed_values list', () => {
    // Prepare
    const tooLong = {
      encoding_method: 'OCMF',
      signed_values: [{ ...signedValue, plain_data: 'p'.repeat(5001) }],
    };
    const empty = { encoding_method: 'OCMF', signed_values: [] };

    // Act + Assess
    expect(issuePaths(SignedDataSchema, tooLong)).toEqual(['signed_values[0].plain_data']);
    expect(issuePaths(SignedDataSchema, empty)).toEqual(['signed_values']);
  });
});
