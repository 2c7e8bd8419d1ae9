import { describe, expect, it } from 'vitest';
import { applyLocationChange, locateInDocument } from '../../../functions/hub/objects/location-document';
import { UnknownLocationError } from '../../../functions/ocpi/errors';
import type { Location } from '../../../functions/ocpi/schemas/location';
import { at, locationOf } from './object-fixtures';

const OWNER = { country_code: 'NL', party_id: 'CP1' };
const stored = (minutes = 10) => locationOf(OWNER, 'LOC1', at(minutes)) as Location;
const written = (decision: ReturnType<typeof applyLocationChange>) => {
  if (decision.stale) throw new Error('unexpectedly stale');
  return decision;
};

describe('applyLocationChange', () => {
  it('replaces the whole location on PUT and is stale when older than the stored one', () => {
    // Prepare
    const newer = { ...stored(20), name: 'renamed' };
    const older = { ...stored(5), name: 'older' };
    // Act
    const put = applyLocationChange(stored(), { method: 'PUT', path: { locationId: 'LOC1' }, body: newer });
    const stale = applyLocationChange(stored(), { method: 'PUT', path: { locationId: 'LOC1' }, body: older });
    // Assess
    expect(written(put).object).toEqual(newer);
    expect(written(put).lastUpdatedMs).toBe(Date.parse(at(20)));
    expect(stale).toEqual({ stale: true });
  });

  it('merges top-level fields on a location PATCH', () => {
    // Act
    const decision = applyLocationChange(stored(), {
      method: 'PATCH',
      path: { locationId: 'LOC1' },
      body: { name: 'patched', last_updated: at(11) },
    });
    // Assess
    const location = written(decision).object;
    expect(location).toMatchObject({ name: 'patched', last_updated: at(11), city: 'Gent' });
    expect(location.evses).toHaveLength(2);
  });

  it('sets the location last_updated to the patched EVSE value, keeping the sent spelling', () => {
    // Act
    const decision = applyLocationChange(stored(), {
      method: 'PATCH',
      path: { locationId: 'LOC1', evseUid: '3257' },
      body: { status: 'AVAILABLE', last_updated: '2024-01-01T00:30:00.500' },
    });
    // Assess
    const location = written(decision).object;
    expect(location.last_updated).toBe('2024-01-01T00:30:00.500');
    expect(location.evses?.[1]).toMatchObject({ status: 'AVAILABLE', evse_id: 'BE*BEC*E041503002' });
    expect(written(decision).lastUpdatedMs).toBe(Date.parse('2024-01-01T00:30:00.500Z'));
  });

  it('cascades a connector PUT to its EVSE and location, appending a new connector', () => {
    // Prepare
    const connector = { ...stored().evses?.[0]?.connectors[0], id: '9', last_updated: at(12) };
    // Act
    const decision = applyLocationChange(stored(), {
      method: 'PUT',
      path: { locationId: 'LOC1', evseUid: '3256', connectorId: '9' },
      body: connector,
    });
    // Assess
    const location = written(decision).object;
    expect(location.evses?.[0]?.connectors.map((c) => c.id)).toEqual(['1', '2', '9']);
    expect(location.evses?.[0]?.last_updated).toBe(at(12));
    expect(location.evses?.[1]?.last_updated).toBe(at(10));
    expect(location.last_updated).toBe(at(12));
  });

  it('never moves a parent last_updated backwards', () => {
    // Prepare: EVSE 3257 is older than the location, which a later change of EVSE 3256 bumped.
    const location = stored(30);
    (location.evses?.[1] as { last_updated: string }).last_updated = at(5);
    // Act
    const decision = applyLocationChange(location, {
      method: 'PATCH',
      path: { locationId: 'LOC1', evseUid: '3257' },
      body: { status: 'BLOCKED', last_updated: at(6) },
    });
    // Assess
    expect(written(decision).object.last_updated).toBe(at(30));
    expect(written(decision).object.evses?.[1]?.status).toBe('BLOCKED');
  });

  it('is stale when an EVSE PATCH is older than the stored EVSE', () => {
    // Act
    const decision = applyLocationChange(stored(), {
      method: 'PATCH',
      path: { locationId: 'LOC1', evseUid: '3256' },
      body: { status: 'CHARGING', last_updated: at(9) },
    });
    // Assess
    expect(decision).toEqual({ stale: true });
  });

  it('answers 2003 for a change below an unknown location, EVSE or connector', () => {
    // Act
    const change =
      (path: { locationId: string; evseUid?: string; connectorId?: string }, current?: Location) => () =>
        applyLocationChange(current, { method: 'PATCH', path, body: { last_updated: at(50) } });
    // Assess
    expect(change({ locationId: 'LOC1' })).toThrow(UnknownLocationError);
    expect(change({ locationId: 'LOC1', evseUid: 'NOPE' }, stored())).toThrow(UnknownLocationError);
    expect(change({ locationId: 'LOC1', evseUid: '3256', connectorId: 'NOPE' }, stored())).toThrow(
      UnknownLocationError,
    );
  });
});

describe('locateInDocument', () => {
  it('finds EVSEs and connectors case-insensitively', () => {
    // Act
    const connector = locateInDocument(stored(), { locationId: 'loc1', evseUid: '3256', connectorId: '2' });
    const missing = locateInDocument(stored(), { locationId: 'LOC1', evseUid: 'x' });
    // Assess
    expect(connector).toMatchObject({ id: '2', format: 'SOCKET' });
    expect(missing).toBeUndefined();
  });
});
