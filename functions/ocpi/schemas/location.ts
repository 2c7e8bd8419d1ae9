import * as z from 'zod/mini';
import { BusinessDetailsSchema } from './business-details';
import { DisplayTextSchema } from './display-text';
import { EnergyMixSchema } from './energy-mix';
import { openEnum } from './enums';
import { EVSESchema } from './evse';
import { AdditionalGeoLocationSchema, GeoLocationSchema } from './geo-location';
import { HoursSchema } from './hours';
import { ImageSchema } from './image';
import { ocpiObject, ocpiPatch } from './objects';
import {
  CountryAlpha3Schema,
  CountryCodeSchema,
  DateTimeSchema,
  IdSchema,
  ocpiString,
  PartyIdSchema,
} from './primitives';
import { PublishTokenTypeSchema } from './publish-token-type';

export const PARKING_TYPES = [
  'ALONG_MOTORWAY',
  'PARKING_GARAGE',
  'PARKING_LOT',
  'ON_DRIVEWAY',
  'ON_STREET',
  'UNDERGROUND_GARAGE',
] as const;
export const ParkingTypeSchema = openEnum(PARKING_TYPES);
export type ParkingType = z.infer<typeof ParkingTypeSchema>;

export const FACILITIES = [
  'HOTEL',
  'RESTAURANT',
  'CAFE',
  'MALL',
  'SUPERMARKET',
  'SPORT',
  'RECREATION_AREA',
  'NATURE',
  'MUSEUM',
  'BIKE_SHARING',
  'BUS_STOP',
  'TAXI_STAND',
  'TRAM_STOP',
  'METRO_STATION',
  'TRAIN_STATION',
  'AIRPORT',
  'PARKING_LOT',
  'CARPOOL_PARKING',
  'FUEL_STATION',
  'WIFI',
] as const;
export const FacilitySchema = openEnum(FACILITIES);
export type Facility = z.infer<typeof FacilitySchema>;

/**
 * Location (locations §8.3.1). Sizes follow the release-2.2.1-bugfixes errata: address 255 (was 45) and
 * state 45 (was 20); the larger sizes are accepted because they are a superset of the old ones.
 */
const locationFields = () => ({
  country_code: CountryCodeSchema,
  party_id: PartyIdSchema,
  id: IdSchema,
  publish: z.boolean(),
  publish_allowed_to: z.optional(z.array(PublishTokenTypeSchema)),
  name: z.optional(ocpiString(255)),
  address: ocpiString(255),
  city: ocpiString(45),
  postal_code: z.optional(ocpiString(10)),
  state: z.optional(ocpiString(45)),
  country: CountryAlpha3Schema,
  coordinates: GeoLocationSchema,
  related_locations: z.optional(z.array(AdditionalGeoLocationSchema)),
  parking_type: z.optional(ParkingTypeSchema),
  evses: z.optional(z.array(EVSESchema)),
  directions: z.optional(z.array(DisplayTextSchema)),
  operator: z.optional(BusinessDetailsSchema),
  suboperator: z.optional(BusinessDetailsSchema),
  owner: z.optional(BusinessDetailsSchema),
  facilities: z.optional(z.array(FacilitySchema)),
  time_zone: ocpiString(255),
  opening_times: z.optional(HoursSchema),
  charging_when_closed: z.optional(z.boolean()),
  images: z.optional(z.array(ImageSchema)),
  energy_mix: z.optional(EnergyMixSchema),
  last_updated: DateTimeSchema,
});

/** `publish_allowed_to` "may only be used when publish is set to false" (locations §8.3.1). */
const publishAllowedToRule = z.superRefine(
  (location: { publish?: boolean; publish_allowed_to?: unknown[] }, ctx) => {
    if (location.publish === true && (location.publish_allowed_to ?? []).length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: 'may only be used when publish is false',
        path: ['publish_allowed_to'],
      });
    }
  },
);

export const LocationSchema = ocpiObject(locationFields).check(publishAllowedToRule);
export type Location = z.infer<typeof LocationSchema>;

/**
 * Location PATCH (locations §8.2.2.3): any subset of fields, `last_updated` mandatory (2.2+). Nested
 * objects (e.g. a full `evses` list) are still validated in full.
 */
export const LocationPatchSchema = ocpiPatch(locationFields).check(publishAllowedToRule);
export type LocationPatch = z.infer<typeof LocationPatchSchema>;
