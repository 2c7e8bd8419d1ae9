import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CP1, EM1, envelopeOf, HUB, type Network, startNetwork } from '../hub/objects/network';
import { at, locationOf, tokenOf } from '../hub/objects/object-fixtures';
import type { SimulatedPlatform } from '../partners';

// biome-ignore lint/suspicious/noExplicitAny: the test writes nulls into OCPI objects freely
type Obj = Record<string, any>;

/** Every path in `value` that holds a JSON null (`[]` when none). */
function nullPaths(value: unknown, path = '$'): string[] {
  if (value === null) return [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => nullPaths(item, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => nullPaths(v, `${path}.${k}`));
  return [];
}

/** A location as a library that writes every absent optional field as null sends it. */
function nullLadenLocation(id: string, minutes: number): Obj {
  const location = locationOf(CP1, id, at(minutes));
  location.postal_code = null;
  location.state = null;
  location.operator.logo = null;
  location.operator.website = null;
  location.suboperator = null;
  location.images = null;
  location.evses[0].floor_level = null;
  location.evses[0].connectors[0].tariff_ids = null;
  location.evses[0].connectors[0].terms_and_conditions = null;
  location.vendor_extension = { note: null, keep: 'yes' };
  return location;
}

function nullLadenToken(uid: string, minutes: number): Obj {
  return {
    ...tokenOf(EM1, uid, at(minutes)),
    visual_number: null,
    group_id: null,
    default_profile_type: null,
  };
}

async function waitForPush(platform: SimulatedPlatform, module: string, id: string): Promise<Obj> {
  await platform.waitFor(
    () => platform.received.some((r) => r.module === module && r.path.includes(`/${id}`)),
    10_000,
  );
  const push = platform.received.find((r) => r.module === module && r.path.includes(`/${id}`));
  return push?.body as Obj;
}

describe('objects the hub stores and sends on carry no null', () => {
  let net: Network;

  beforeAll(async () => {
    net = await startNetwork();
  });
  afterAll(async () => {
    await net?.close();
  });

  it('stores and broadcasts a null-laden location without its nulls', async () => {
    // Prepare
    const location = nullLadenLocation('LOC-NULLS', 10);
    // Act
    const res = await net.cpo1.pushLocation(location, { to: HUB });
    // Assess
    expect(envelopeOf(res)).toMatchObject({ status_code: 1000 });
    const stored = await net.cpo1.hubRequest('GET', 'locations/NL/CP1/LOC-NULLS', {
      from: CP1,
      to: HUB,
      iface: 'RECEIVER',
    });
    expect(nullPaths(envelopeOf(stored).data)).toEqual([]);
    expect(envelopeOf(stored).data.vendor_extension).toEqual({ keep: 'yes' });
    const outbox = await net.outbox('locations:NL*CP1*LOC-NULLS');
    expect(outbox.map((item) => nullPaths(JSON.parse(item.bodyText ?? '{}')))).toEqual([[]]);
    const broadcast = await waitForPush(net.emsp1, 'locations', 'LOC-NULLS');
    expect(nullPaths(broadcast)).toEqual([]);
    expect(broadcast.operator.name).toBe(location.operator.name);
  });

  it('forwards a null-laden location to the party in OCPI-to without its nulls', async () => {
    // Prepare
    const location = nullLadenLocation('LOC-NULLS-TO', 20);
    // Act
    const res = await net.cpo1.pushLocation(location, { to: EM1 });
    // Assess
    expect(envelopeOf(res)).toMatchObject({ status_code: 1000 });
    const forwarded = await waitForPush(net.emsp1, 'locations', 'LOC-NULLS-TO');
    expect(nullPaths(forwarded)).toEqual([]);
    expect(forwarded.last_updated).toBe(at(20));
  });

  it('stores and forwards a null-laden token without its nulls', async () => {
    // Prepare
    const stored = nullLadenToken('TOK-NULLS', 30);
    const routed = nullLadenToken('TOK-NULLS-TO', 31);
    // Act
    const toHub = await net.emsp1.pushToken(stored, { to: HUB });
    const toCpo = await net.emsp1.pushToken(routed, { to: CP1 });
    // Assess
    expect(envelopeOf(toHub).status_code).toBe(1000);
    expect(envelopeOf(toCpo).status_code).toBe(1000);
    const readBack = await net.emsp1.hubRequest('GET', 'tokens/NL/EM1/TOK-NULLS?type=RFID', {
      from: EM1,
      to: HUB,
      iface: 'RECEIVER',
    });
    expect(envelopeOf(readBack).data.uid).toBe('TOK-NULLS');
    expect(nullPaths(envelopeOf(readBack).data)).toEqual([]);
    expect(nullPaths(await waitForPush(net.cpo1, 'tokens', 'TOK-NULLS'))).toEqual([]);
    expect(nullPaths(await waitForPush(net.cpo1, 'tokens', 'TOK-NULLS-TO'))).toEqual([]);
  });

  it('passes on a receiver answer without its nulls', async () => {
    // Prepare: the CPO answers with the nulls its library writes
    net.cpo1.seed('locations', [nullLadenLocation('LOC-HELD', 40)]);
    // Act
    const res = await net.emsp1.hubRequest('GET', 'locations?limit=5', { from: EM1, to: CP1 });
    // Assess
    expect(res.status).toBe(200);
    expect(envelopeOf(res).data.map((l: Obj) => l.id)).toEqual(['LOC-HELD']);
    expect(nullPaths(envelopeOf(res))).toEqual([]);
  });
});
