import * as z from 'zod/mini';
import { MAX_DATE_TIME_LENGTH, parseIsoDateTime } from '../iso-datetime';

/**
 * Building blocks of the OCPI 2.1.1 wire schemas, in the zod/mini style of the 2.2.1 schemas. The 2.2.1
 * primitives whose rules did not change (string(n), URL, currency, int, HH:MM) are reused from there; what
 * differs in 2.1.1 is defined here (ocpi-notes §6): DateTimes may carry an offset, PATCH bodies need no
 * `last_updated`, and Location.id / EVSE.uid are string(39).
 */
export { closedEnum, openEnum } from '../../schemas/enums';
export { nonEmptyList, ocpiObject } from '../../schemas/objects';
export {
  CountryAlpha3Schema,
  CountryCodeSchema,
  CurrencySchema,
  ciString,
  IntSchema,
  isTimeOfDay,
  ocpiString,
  PartyIdSchema,
  TimeOfDaySchema,
  UrlSchema,
} from '../../schemas/primitives';

import { builtOnFirstUse } from '../../schemas/built-on-first-use';
import { ocpiObject } from '../../schemas/objects';
import { ocpiString } from '../../schemas/primitives';

/** DateTime (OCPI 2.1.1 types): ISO 8601, string(25), offsets allowed, no zone = UTC. */
export const DateTime211Schema = builtOnFirstUse(() =>
  z.string().check(
    z.maxLength(MAX_DATE_TIME_LENGTH),
    z.refine((v) => parseIsoDateTime(v) !== undefined, {
      message: 'must be an ISO 8601 DateTime such as 2015-06-29T20:39:09Z',
    }),
  ),
);

/** Location.id, EVSE.uid and the LocationReferences ids: string(39) in 2.1.1 (36 from 2.2 on). */
export const LongId211Schema = builtOnFirstUse(() => ocpiString(39));

/** The other ids (connector, session, tariff, token uid, auth_id): string(36). */
export const Id211Schema = builtOnFirstUse(() => ocpiString(36));

/**
 * The PATCH form of a 2.1.1 object: any subset of its fields, built on first use and reading nulls as
 * absent like every ocpiObject. Unlike 2.2.1, `last_updated` is not mandatory (OCPI 2.1.1
 * transport_and_format, PATCH; ocpi-notes §6).
 */
export function patch211<const S extends z.core.$ZodLooseShape>(fields: () => S) {
  return ocpiObject(() => {
    const optional: Record<string, z.core.SomeType> = {};
    for (const [name, schema] of Object.entries(fields())) optional[name] = z.optional(schema);
    return optional as { [K in keyof S]: z.ZodMiniOptional<S[K]> };
  });
}
