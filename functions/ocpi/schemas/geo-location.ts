import { z } from 'zod';
import { DisplayTextSchema } from './display-text';
import { ocpiString } from './primitives';

/**
 * Coordinates are strings on the wire (locations §8.4.11) with the spec's regexes; the range check
 * catches what the regex lets through (e.g. latitude 95.00000).
 */
const LATITUDE = /^-?[0-9]{1,2}\.[0-9]{5,7}$/;
const LONGITUDE = /^-?[0-9]{1,3}\.[0-9]{5,7}$/;

export const LatitudeSchema = ocpiString(10)
  .regex(LATITUDE, { message: 'must match -?[0-9]{1,2}\\.[0-9]{5,7}' })
  .refine((v) => Math.abs(Number(v)) <= 90, { message: 'must be between -90 and 90' });

export const LongitudeSchema = ocpiString(11)
  .regex(LONGITUDE, { message: 'must match -?[0-9]{1,3}\\.[0-9]{5,7}' })
  .refine((v) => Math.abs(Number(v)) <= 180, { message: 'must be between -180 and 180' });

export const GeoLocationSchema = z.looseObject({
  latitude: LatitudeSchema,
  longitude: LongitudeSchema,
});
export type GeoLocation = z.infer<typeof GeoLocationSchema>;

export const AdditionalGeoLocationSchema = z.looseObject({
  latitude: LatitudeSchema,
  longitude: LongitudeSchema,
  name: DisplayTextSchema.optional(),
});
export type AdditionalGeoLocation = z.infer<typeof AdditionalGeoLocationSchema>;
