import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CDR } from '../../../functions/ocpi/schemas/cdr';
import type { CdrToken } from '../../../functions/ocpi/schemas/cdr-token';
import type { Location } from '../../../functions/ocpi/schemas/location';
import type { Session } from '../../../functions/ocpi/schemas/session';
import type { Tariff } from '../../../functions/ocpi/schemas/tariff';
import type { Token } from '../../../functions/ocpi/schemas/token';
import {
  cdrTo211,
  cdrTo221,
  locationTo211,
  locationTo221,
  sessionTo211,
  sessionTo221,
  tariffTo211,
  tariffTo221,
  tokenTo211,
  tokenTo221,
  UntranslatableError,
} from '../../../functions/ocpi/v211/translate';
import { location } from './arbitraries-221';
import { cdr, session, tariff, token } from './arbitraries-billing';
import { CPO, EMSP, locationLookup } from './fixtures-211';

/**
 * 2.2.1 -> 2.1.1 -> 2.2.1 keeps every field that exists in both versions: for objects made only of such
 * fields and values, the round trip gives the object back exactly. Money and volumes are copied, never
 * recomputed, so amounts survive bit for bit even with VAT and cost breakdowns the 2.1.1 side cannot carry.
 */
const runs = { numRuns: 100 };

/** A hundred runs take a few seconds, but the machine is shared: room enough not to fail on load. */
const roomy = { timeout: 60_000 };

const tokenLookup = (token: CdrToken) => async (authId: string) =>
  authId === token.contract_id ? token : undefined;

describe('2.2.1 -> 2.1.1 -> 2.2.1 round trips', roomy, () => {
  it('gives a Location back exactly', () => {
    fc.assert(
      fc.property(location(CPO, 'shared'), (original) => {
        const back = locationTo221(locationTo211(original as Location), CPO);
        expect(back).toEqual(original);
      }),
      runs,
    );
  });

  it('gives a Tariff back exactly', () => {
    fc.assert(
      fc.property(tariff(CPO, 'shared'), (original) => {
        expect(tariffTo221(tariffTo211(original as Tariff), CPO)).toEqual(original);
      }),
      runs,
    );
  });

  it('gives a Token back exactly', () => {
    fc.assert(
      fc.property(token(EMSP), (original) => {
        expect(tokenTo221(tokenTo211(original as Token), EMSP)).toEqual(original);
      }),
      runs,
    );
  });

  it('gives a Session back exactly', async () => {
    await fc.assert(
      fc.asyncProperty(session(CPO, EMSP, 'shared'), async ({ session: original, stored }) => {
        const sent = await sessionTo211(original as Session, locationLookup(stored as Location));
        const back = await sessionTo221(sent, CPO, tokenLookup(original.cdr_token));
        expect(back).toEqual(original);
      }),
      runs,
    );
  });

  it('gives a CDR back exactly', async () => {
    await fc.assert(
      fc.asyncProperty(cdr(CPO, EMSP, 'shared'), async ({ cdr: original, stored }) => {
        const sent = await cdrTo211(original as CDR, locationLookup(stored as Location));
        const back = await cdrTo221(sent, CPO, tokenLookup(original.cdr_token));
        expect(back).toEqual(original);
      }),
      runs,
    );
  });
});

describe('billing amounts', roomy, () => {
  it('keep the exact cost excluding VAT and every volume of a Session with VAT amounts', async () => {
    await fc.assert(
      fc.asyncProperty(session(CPO, EMSP, 'broad'), async ({ session: original, stored }) => {
        const sent = await sessionTo211(original as Session, locationLookup(stored as Location));
        const back = await sessionTo221(sent, CPO, tokenLookup(original.cdr_token));
        expect(back.total_cost?.excl_vat).toBe(original.total_cost?.excl_vat);
        expect(back.kwh).toBe(original.kwh);
        expect(back.charging_periods).toEqual(original.charging_periods);
      }),
      runs,
    );
  });

  it('keep the exact total cost, energy, times and volumes of a CDR with a cost breakdown', async () => {
    await fc.assert(
      fc.asyncProperty(cdr(CPO, EMSP, 'broad'), async ({ cdr: original, stored }) => {
        const sent = await cdrTo211(original as CDR, locationLookup(stored as Location));
        const back = await cdrTo221(sent, CPO, tokenLookup(original.cdr_token));
        for (const field of ['total_energy', 'total_time', 'total_parking_time'] as const) {
          expect(back[field]).toBe(original[field]);
        }
        expect(back.total_cost.excl_vat).toBe(original.total_cost.excl_vat);
        expect(back.charging_periods).toEqual(original.charging_periods);
        expect(back.tariffs).toEqual(original.tariffs);
      }),
      runs,
    );
  });
});

describe('whatever the 2.2.1 content', roomy, () => {
  it('a Location becomes a valid 2.1.1 one or is refused with an UntranslatableError, never anything else', () => {
    fc.assert(
      fc.property(location(CPO, 'broad'), (original) => {
        try {
          locationTo211(original as Location);
        } catch (error) {
          expect(error).toBeInstanceOf(UntranslatableError);
        }
      }),
      runs,
    );
  });

  it('a Tariff becomes a valid 2.1.1 one or is refused with an UntranslatableError', () => {
    fc.assert(
      fc.property(tariff(CPO, 'broad'), (original) => {
        try {
          tariffTo211(original as Tariff);
        } catch (error) {
          expect(error).toBeInstanceOf(UntranslatableError);
        }
      }),
      runs,
    );
  });
});
