import type { CdrToken } from '../../schemas/cdr-token';
import type { Location } from '../../schemas/location';
import type { Party } from './party';

/**
 * Translations that need stored state take it through these functions (the hub passes its repositories;
 * tests pass maps), so the translation itself stays pure wire-format work.
 */

/** The stored 2.2.1 Location of `owner` with this id, to embed in a 2.1.1 Session or CDR. */
export type LocationLookup = (owner: Party, locationId: string) => Promise<Location | undefined>;

/**
 * The CdrToken of the token whose contract_id is this 2.1.1 `auth_id`, to fill a 2.2.1 Session or CDR of
 * a 2.1.1 CPO (ocpi-notes §6). Several tokens may share a contract id (a card and an app); which one to
 * report is the lookup's choice.
 */
export type CdrTokenLookup = (authId: string) => Promise<CdrToken | undefined>;
