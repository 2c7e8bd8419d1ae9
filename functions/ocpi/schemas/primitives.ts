import * as z from 'zod/mini';
import { parseOcpiDateTime } from '../datetime';
import { builtOnFirstUse } from './built-on-first-use';
import './messages';

/**
 * OCPI 2.2.1 primitive types (types §16.1 / ocpi-notes §1.6) and the building blocks every schema file
 * uses. `n` is always a maximum length. `#NA` is a legal value of every required string field whose value
 * cannot exist (e.g. Session.evse_uid of an unassigned reservation), so none of these schemas forbids it.
 * The conventions of the schema files are described in index.ts.
 */

const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;

/** CiString(n): case-insensitive, printable ASCII only. Kept in its original spelling. */
export function ciString(maxLength: number) {
  return z
    .string()
    .check(
      z.maxLength(maxLength),
      z.regex(PRINTABLE_ASCII, { message: 'must be printable ASCII (CiString)' }),
    );
}

function isPrintable(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return false;
  }
  return true;
}

/** string(n): case-sensitive printable UTF-8; control characters (CR, LF, TAB...) are not printable. */
export function ocpiString(maxLength: number) {
  return z
    .string()
    .check(
      z.maxLength(maxLength),
      z.refine(isPrintable, { message: 'must not contain control characters such as CR, LF or TAB' }),
    );
}

/** URL: string(255) holding an absolute URL (types §16.1.5). */
export const UrlSchema = builtOnFirstUse(() =>
  ocpiString(255).check(z.refine((v) => URL.canParse(v), { message: 'must be an absolute URL' })),
);

/**
 * ISO-3166 alpha-3 country code of a Location or CdrLocation `country`: string(3), three letters (locations
 * §8.3.1). A 2-letter code is a party's country_code put in the wrong field; it is refused, not guessed.
 */
export const CountryAlpha3Schema = builtOnFirstUse(() =>
  z
    .string()
    .check(z.regex(/^[A-Z]{3}$/, { message: 'must be an ISO 3166-1 alpha-3 country code such as NLD' })),
);

/** ISO-3166 alpha-2 country code of a party: CiString(2), always exactly two characters. */
export const CountryCodeSchema = builtOnFirstUse(() => ciString(2).check(z.minLength(2)));

/** ISO-15118 party id: CiString(3), always exactly three characters. */
export const PartyIdSchema = builtOnFirstUse(() => ciString(3).check(z.minLength(3)));

/** Object ids, uids, location/evse/connector/session/tariff ids: CiString(36). */
export const IdSchema = builtOnFirstUse(() => ciString(36));

/** ISO-4217 currency code: string(3). */
export const CurrencySchema = builtOnFirstUse(() => ocpiString(3));

/** `int` in the spec tables. */
export const IntSchema = builtOnFirstUse(() => z.int());

const TIME_OF_DAY = /^([0-1][0-9]|2[0-3]):[0-5][0-9]$/;

/** True for a `HH:MM` local time as the spec's regex `([0-1][0-9]|2[0-3]):[0-5][0-9]`. */
export function isTimeOfDay(value: string): boolean {
  return TIME_OF_DAY.test(value);
}

/** `HH:MM` local time (RegularHours, TariffRestrictions); "24:00" is not allowed by the spec's regex. */
export const TimeOfDaySchema = builtOnFirstUse(() =>
  z.string().check(z.regex(TIME_OF_DAY, { message: 'must be a 24h time HH:MM' })),
);

/**
 * DateTime (types §16.1.2 / ocpi-notes §1.6): RFC 3339 in UTC, `Z` or no zone (no zone means UTC),
 * optional fraction; offsets, even `+00:00`, are not allowed. It is a string(25), so a fraction has at
 * most 4 digits with `Z` (5 without). The wire string is kept as sent (the hub never rewrites it).
 */
export const DateTimeSchema = builtOnFirstUse(() =>
  z.string().check(
    z.maxLength(25),
    z.refine((v) => parseOcpiDateTime(v) !== undefined, {
      message: 'must be an RFC 3339 UTC DateTime such as 2015-06-29T20:39:09Z (no offsets)',
    }),
  ),
);
