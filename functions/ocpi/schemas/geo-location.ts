import * as z from 'zod/mini';
import { builtOnFirstUse } from './built-on-first-use';
import { DisplayTextSchema } from './display-text';
import { ocpiObject } from './objects';

/**
 * Coordinates are strings on the wire (locations §8.4.11), checked with the spec's regexes plus a range
 * check for what the regex lets through (e.g. latitude 95.00000). The tables say string(10) / string(11),
 * but the regexes themselves allow one character more ("-12.1234567"); the regex wins, since it is the
 * precise rule and such values are correct coordinates.
 */
const LATITUDE = /^-?[0-9]{1,2}\.[0-9]{5,7}$/;
const LONGITUDE = /^-?[0-9]{1,3}\.[0-9]{5,7}$/;

export const LatitudeSchema = builtOnFirstUse(() =>
  z.string().check(
    z.regex(LATITUDE, { message: 'must match -?[0-9]{1,2}\\.[0-9]{5,7}', abort: true }),
    z.refine((v) => Math.abs(Number(v)) <= 90, { message: 'must be between -90 and 90' }),
  ),
);

export const LongitudeSchema = builtOnFirstUse(() =>
  z.string().check(
    z.regex(LONGITUDE, { message: 'must match -?[0-9]{1,3}\\.[0-9]{5,7}', abort: true }),
    z.refine((v) => Math.abs(Number(v)) <= 180, { message: 'must be between -180 and 180' }),
  ),
);

export const GeoLocationSchema = ocpiObject(() => ({
  latitude: LatitudeSchema,
  longitude: LongitudeSchema,
}));
export type GeoLocation = z.infer<typeof GeoLocationSchema>;

export const AdditionalGeoLocationSchema = ocpiObject(() => ({
  latitude: LatitudeSchema,
  longitude: LongitudeSchema,
  name: z.optional(DisplayTextSchema),
}));
export type AdditionalGeoLocation = z.infer<typeof AdditionalGeoLocationSchema>;
