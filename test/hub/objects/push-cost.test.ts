import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TenantContext } from '../../../functions/hub/hub-runtime';
import { pushLocation } from '../../../functions/hub/objects/locations.service';
import { LocationRepository } from '../../../functions/store/location.repository';
import { forgetAllStates } from '../../../functions/store/recent-object-states';
import { deleteTable } from '../../../functions/store/table-admin';
import { createTestTable, testDynamoClient } from '../../support/dynamo';
import { type Meter, meteredTable } from './metered-table';
import { at, locationOf } from './object-fixtures';

const CPO = { country_code: 'NL', party_id: 'CP1' };

/** DynamoDB calls per push (issue #14): a PUT is one conditional transaction, a PATCH a read and one. */
describe('the DynamoDB calls of a push', () => {
  let tableName: string;
  const meter: Meter = { calls: [], scanned: 0 };
  let ctx: TenantContext;

  beforeAll(async () => {
    tableName = await createTestTable('push-cost');
    const locations = new LocationRepository(meteredTable(tableName, meter));
    ctx = { store: { locations }, runtime: { now: Date.now } } as unknown as TenantContext;
  });
  afterAll(async () => {
    await deleteTable(testDynamoClient(), tableName);
  });
  beforeEach(() => {
    meter.calls.length = 0;
  });

  const put = (id: string, minute: number) => {
    const body = locationOf(CPO, id, at(minute));
    return pushLocation(ctx, {
      owner: CPO,
      change: { method: 'PUT', path: { locationId: id }, body },
      bodyText: JSON.stringify(body),
      correlationId: 'c',
    });
  };

  it('creates a location with one transaction and no read', async () => {
    // Act
    const outcome = await put('NEW1', 1);
    // Assess
    expect(outcome).toBe('created');
    expect(meter.calls).toEqual(['TransactWriteItems']);
  });

  it('replaces a location this process wrote with one transaction and no read', async () => {
    // Prepare
    await put('REP1', 1);
    meter.calls.length = 0;
    // Act
    const outcome = await put('REP1', 2);
    // Assess
    expect(outcome).toBe('updated');
    expect(meter.calls).toEqual(['TransactWriteItems']);
  });

  it('replaces a location another process wrote without a read: the failed transaction returns it', async () => {
    // Prepare
    await put('REP2', 1);
    forgetAllStates();
    meter.calls.length = 0;
    // Act
    const outcome = await put('REP2', 2);
    // Assess
    expect(outcome).toBe('updated');
    expect(meter.calls).toEqual(['TransactWriteItems', 'TransactWriteItems']);
  });

  it('answers an older PUT as stale after one call', async () => {
    // Prepare
    await put('OLD1', 5);
    forgetAllStates();
    meter.calls.length = 0;
    // Act
    const outcome = await put('OLD1', 4);
    // Assess
    expect(outcome).toBe('stale');
    expect(meter.calls).toEqual(['TransactWriteItems']);
  });

  it('patches an EVSE with one read and one transaction', async () => {
    // Prepare
    const location = locationOf(CPO, 'PAT1', at(1));
    await put('PAT1', 1);
    const evseUid = location.evses[0].uid as string;
    meter.calls.length = 0;
    // Act
    const body = { status: 'CHARGING', last_updated: at(2) };
    const outcome = await pushLocation(ctx, {
      owner: CPO,
      change: { method: 'PATCH', path: { locationId: 'PAT1', evseUid }, body },
      bodyText: JSON.stringify(body),
      correlationId: 'c',
    });
    // Assess
    expect(outcome).toBe('updated');
    expect(meter.calls).toEqual(['GetItem', 'TransactWriteItems']);
  });
});
