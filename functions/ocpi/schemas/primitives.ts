import { z } from 'zod';

/**
 * OCPI 2.2.1 primitive types (types §16.1 / ocpi-notes §1.6). `n` is always a maximum length. `#NA` is a
 * legal value of every required string field whose value cannot exist (e.g. Session.evse_uid of an
 * unassigned reservation), so none of these schemas forbids it.
 */

const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;

/** CiString(n): case-insensitive, printable ASCII only. Kept in its original spelling. */
export function ciString(maxLength: number) {
  return z.string().max(maxLength).regex(PRINTABLE_ASCII, { message: 'must be printable ASCII (CiString)' });
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
    .max(maxLength)
    .refine(isPrintable, { message: 'must not contain control characters such as CR, LF or TAB' });
}

/** URL: string(255) holding an absolute URL (types §16.1.5). */
export const UrlSchema = ocpiString(255).refine((v) => URL.canParse(v), {
  message: 'must be an absolute URL',
});

/** ISO-3166 alpha-2 country code of a party: CiString(2), always exactly two characters. */
export const CountryCodeSchema = ciString(2).min(2);

/** ISO-15118 party id: CiString(3), always exactly three characters. */
export const PartyIdSchema = ciString(3).min(3);

/** Object ids, uids, location/evse/connector/session/tariff ids: CiString(36). */
export const IdSchema = ciString(36);

/** ISO-4217 currency code: string(3). */
export const CurrencySchema = ocpiString(3);

/** `int` in the spec tables. */
export const IntSchema = z.number().int();

const TIME_OF_DAY = /^([0-1][0-9]|2[0-3]):[0-5][0-9]$/;

/** True for a `HH:MM` local time as the spec's regex `([0-1][0-9]|2[0-3]):[0-5][0-9]`. */
export function isTimeOfDay(value: string): boolean {
  return TIME_OF_DAY.test(value);
}

/** `HH:MM` local time (RegularHours, TariffRestrictions); "24:00" is not allowed by the spec's regex. */
export const TimeOfDaySchema = z.string().regex(TIME_OF_DAY, { message: 'must be a 24h time HH:MM' });
