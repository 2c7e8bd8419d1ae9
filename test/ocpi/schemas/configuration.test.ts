import { describe, expect, it } from 'vitest';
import {
  ClientInfoSchema,
  CredentialsSchema,
  EndpointSchema,
  ROLES,
  VersionDetailsSchema,
  VersionNumberSchema,
  VersionSchema,
} from '../../../functions/ocpi/schemas';
import { issuePaths } from './issue-paths';
import { loadExample } from './load-example';

type Json = Record<string, unknown>;

function credentials(): Json & { roles: Json[] } {
  return loadExample('credentials_example.json');
}

describe('CredentialsSchema', () => {
  it('accepts a hub reporting only its own HUB role', () => {
    // Prepare
    const hub = credentials();
    hub.roles = [
      { role: 'HUB', party_id: 'HUB', country_code: 'NL', business_details: { name: 'Example Hub' } },
    ];

    // Act + Assess
    expect(ROLES).toContain('HUB');
    expect(issuePaths(CredentialsSchema, hub)).toEqual([]);
  });

  it.each([
    ['with a space', 'abc def'],
    ['too long', 't'.repeat(65)],
    ['empty', ''],
    ['non-ASCII', 'tökén'],
  ])('rejects a token %s', (_why, token) => {
    // Act + Assess
    expect(issuePaths(CredentialsSchema, { ...credentials(), token })).toEqual(['token']);
  });

  it('rejects credentials without roles', () => {
    // Act + Assess
    expect(issuePaths(CredentialsSchema, { ...credentials(), roles: [] })).toEqual(['roles']);
  });

  it('rejects the same role and party twice, ignoring case', () => {
    // Prepare
    const twice = credentials();
    twice.roles.push({ ...twice.roles[0], party_id: 'exa' });

    // Act + Assess
    expect(issuePaths(CredentialsSchema, twice)).toEqual(['roles[1]']);
  });

  it('accepts several parties with the same role', () => {
    // Act + Assess
    expect(issuePaths(CredentialsSchema, loadExample('credentials_example4.json'))).toEqual([]);
  });

  it('requires business details with a name', () => {
    // Prepare
    const noName = credentials();
    noName.roles[0]!.business_details = { website: 'https://example.com' };

    // Act + Assess
    expect(issuePaths(CredentialsSchema, noName)).toEqual(['roles[0].business_details.name']);
  });
});

describe('ClientInfoSchema', () => {
  const clientInfo = {
    party_id: 'EXA',
    country_code: 'NL',
    role: 'CPO',
    status: 'CONNECTED',
    last_updated: '2019-06-24T12:39:09Z',
  };

  it('accepts a complete ClientInfo', () => {
    // Act + Assess
    expect(issuePaths(ClientInfoSchema, clientInfo)).toEqual([]);
  });

  it.each(Object.keys(clientInfo))('requires %s', (field) => {
    // Prepare
    const incomplete: Json = { ...clientInfo };
    delete incomplete[field];

    // Act + Assess
    expect(issuePaths(ClientInfoSchema, incomplete)).toEqual([field]);
  });

  it('rejects an unknown connection status', () => {
    // Act + Assess
    expect(issuePaths(ClientInfoSchema, { ...clientInfo, status: 'ONLINE' })).toEqual(['status']);
  });
});

describe('versions', () => {
  it('accepts a version list that also names versions newer than 2.2.1', () => {
    // Prepare
    const version = { version: '2.3.0', url: 'https://example.com/ocpi/2.3.0' };

    // Act + Assess
    expect(issuePaths(VersionSchema, version)).toEqual([]);
  });

  it('keeps a VersionNumber it does not know unchanged (an OpenEnum in 2.3.0)', () => {
    // Act + Assess
    expect(VersionNumberSchema.parse('2.2.1')).toBe('2.2.1');
    expect(VersionNumberSchema.parse('2.3.0')).toBe('2.3.0');
  });

  it('rejects a version given as a JSON number', () => {
    // Act + Assess
    expect(issuePaths(VersionSchema, { version: 2.2, url: 'https://example.com/ocpi' })).toEqual(['version']);
  });

  it.each(['nltnm-tokens', 'locations', 'payments'])('accepts the endpoint identifier %s', (identifier) => {
    // Act + Assess
    expect(issuePaths(EndpointSchema, { identifier, role: 'SENDER', url: 'https://example.com/x' })).toEqual(
      [],
    );
  });

  it.each([
    [{ identifier: '', role: 'SENDER' }, ['identifier']],
    [{ identifier: 'locations', role: 'BOTH' }, ['role']],
  ])('rejects the endpoint %j', (endpoint, paths) => {
    // Act + Assess
    expect(issuePaths(EndpointSchema, { ...endpoint, url: 'https://example.com/x' })).toEqual(paths);
  });

  it('rejects version details without endpoints', () => {
    // Act + Assess
    expect(issuePaths(VersionDetailsSchema, { version: '2.2.1', endpoints: [] })).toEqual(['endpoints']);
  });
});
