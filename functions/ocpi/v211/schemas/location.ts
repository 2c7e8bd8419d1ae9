import * as z from 'zod/mini';
import { BusinessDetailsSchema } from '../../schemas/business-details';
import { DisplayTextSchema } from '../../schemas/display-text';
import { ImageSchema } from '../../schemas/image';
import { EnergyMix211Schema } from './energy-mix';
import { EVSE211Schema } from './evse';
import { AdditionalGeoLocation211Schema, GeoLocation211Schema } from './geo-location';
import { Hours211Schema } from './hours';
import {
  CountryAlpha3Schema,
  closedEnum,
  DateTime211Schema,
  LongId211Schema,
  ocpiObject,
  ocpiString,
  openEnum,
  patch211,
} from './primitives';

/** LocationType (OCPI 2.1.1 locations): required in 2.1.1; 2.2.1 replaces it by an optional ParkingType. */
export const LOCATION_TYPES_211 = [
  'ON_STREET',
  'PARKING_GARAGE',
  'UNDERGROUND_GARAGE',
  'PARKING_LOT',
  'OTHER',
  'UNKNOWN',
] as const;
export const LocationType211Schema = closedEnum(LOCATION_TYPES_211);
export type LocationType211 = z.infer<typeof LocationType211Schema>;

/** Facility (OCPI 2.1.1 locations): 16 values; 2.2.1 adds BIKE_SHARING, TRAM_STOP, METRO_STATION, PARKING_LOT. */
export const FACILITIES_211 = [
  'HOTEL',
  'RESTAURANT',
  'CAFE',
  'MALL',
  'SUPERMARKET',
  'SPORT',
  'RECREATION_AREA',
  'NATURE',
  'MUSEUM',
  'BUS_STOP',
  'TAXI_STAND',
  'TRAIN_STATION',
  'AIRPORT',
  'CARPOOL_PARKING',
  'FUEL_STATION',
  'WIFI',
] as const;
/** Open as in 2.3.0 (ocpi-notes §7). */
export const Facility211Schema = openEnum(FACILITIES_211);
export type Facility211 = z.infer<typeof Facility211Schema>;

/**
 * Location (OCPI 2.1.1 locations). No owner fields and no `publish` (the owner is the party of the
 * credentials); `type` and `postal_code` are required, `time_zone` optional; id string(39), address 45.
 * `country` is ISO 3166 alpha-3 as in 2.2.1; a two-letter code is refused, not guessed.
 */
const location211Fields = () => ({
  id: LongId211Schema,
  type: LocationType211Schema,
  name: z.optional(ocpiString(255)),
  address: ocpiString(45),
  city: ocpiString(45),
  postal_code: ocpiString(10),
  country: CountryAlpha3Schema,
  coordinates: GeoLocation211Schema,
  related_locations: z.optional(z.array(AdditionalGeoLocation211Schema)),
  evses: z.optional(z.array(EVSE211Schema)),
  directions: z.optional(z.array(DisplayTextSchema)),
  operator: z.optional(BusinessDetailsSchema),
  suboperator: z.optional(BusinessDetailsSchema),
  owner: z.optional(BusinessDetailsSchema),
  facilities: z.optional(z.array(Facility211Schema)),
  time_zone: z.optional(ocpiString(255)),
  opening_times: z.optional(Hours211Schema),
  charging_when_closed: z.optional(z.boolean()),
  images: z.optional(z.array(ImageSchema)),
  energy_mix: z.optional(EnergyMix211Schema),
  last_updated: DateTime211Schema,
});
export const Location211Schema = ocpiObject(location211Fields);
export type Location211 = z.infer<typeof Location211Schema>;

/** Location PATCH (OCPI 2.1.1 locations): any subset of fields; no `last_updated` needed. */
export const Location211PatchSchema = patch211(location211Fields);
export type Location211Patch = z.infer<typeof Location211PatchSchema>;
