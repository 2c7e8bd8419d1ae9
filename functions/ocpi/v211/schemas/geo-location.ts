import * as z from 'zod/mini';
import { builtOnFirstUse } from '../../schemas/built-on-first-use';
import { DisplayTextSchema } from '../../schemas/display-text';
import { ocpiObject } from './primitives';

/**
 * GeoLocation (OCPI 2.1.1 locations): strings with exactly six decimals by the 2.1.1 regex
 * (`-?[0-9]{1,2}\.[0-9]{6}`). Five to seven decimals, the 2.2.1 range, are accepted as well: the hub
 * stores them without loss, and partners round differently. What the hub sends always has six.
 */
const LATITUDE = /^-?[0-9]{1,2}\.[0-9]{5,7}$/;
const LONGITUDE = /^-?[0-9]{1,3}\.[0-9]{5,7}$/;

export const Latitude211Schema = builtOnFirstUse(() =>
  z.string().check(
    z.regex(LATITUDE, { message: 'must match -?[0-9]{1,2}\\.[0-9]{6}', abort: true }),
    z.refine((v) => Math.abs(Number(v)) <= 90, { message: 'must be between -90 and 90' }),
  ),
);

export const Longitude211Schema = builtOnFirstUse(() =>
  z.string().check(
    z.regex(LONGITUDE, { message: 'must match -?[0-9]{1,3}\\.[0-9]{6}', abort: true }),
    z.refine((v) => Math.abs(Number(v)) <= 180, { message: 'must be between -180 and 180' }),
  ),
);

export const GeoLocation211Schema = ocpiObject(() => ({
  latitude: Latitude211Schema,
  longitude: Longitude211Schema,
}));
export type GeoLocation211 = z.infer<typeof GeoLocation211Schema>;

/** AdditionalGeoLocation (OCPI 2.1.1 locations). */
export const AdditionalGeoLocation211Schema = ocpiObject(() => ({
  latitude: Latitude211Schema,
  longitude: Longitude211Schema,
  name: z.optional(DisplayTextSchema),
}));
export type AdditionalGeoLocation211 = z.infer<typeof AdditionalGeoLocation211Schema>;
