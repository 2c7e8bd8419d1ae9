import { z } from 'zod';
import { DateTimeSchema } from '../datetime';
import { BusinessDetailsSchema } from './business-details';
import { DisplayTextSchema } from './display-text';
import { EnergyMixSchema } from './energy-mix';
import { EVSESchema } from './evse';
import { AdditionalGeoLocationSchema, GeoLocationSchema } from './geo-location';
import { HoursSchema } from './hours';
import { ImageSchema } from './image';
import { CountryCodeSchema, IdSchema, ocpiString, PartyIdSchema } from './primitives';
import { PublishTokenTypeSchema } from './publish-token-type';

export const PARKING_TYPES = [
  'ALONG_MOTORWAY',
  'PARKING_GARAGE',
  'PARKING_LOT',
  'ON_DRIVEWAY',
  'ON_STREET',
  'UNDERGROUND_GARAGE',
] as const;
export const ParkingTypeSchema = z.enum(PARKING_TYPES);
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
export const FacilitySchema = z.enum(FACILITIES);
export type Facility = z.infer<typeof FacilitySchema>;

/**
 * Location (locations §8.3.1). Sizes follow the release-2.2.1-bugfixes errata: address 255 (was 45) and
 * state 45 (was 20); the larger sizes are accepted because they are a superset of the old ones.
 */
const LocationObject = z.looseObject({
  country_code: CountryCodeSchema,
  party_id: PartyIdSchema,
  id: IdSchema,
  publish: z.boolean(),
  publish_allowed_to: z.array(PublishTokenTypeSchema).optional(),
  name: ocpiString(255).optional(),
  address: ocpiString(255),
  city: ocpiString(45),
  postal_code: ocpiString(10).optional(),
  state: ocpiString(45).optional(),
  country: ocpiString(3),
  coordinates: GeoLocationSchema,
  related_locations: z.array(AdditionalGeoLocationSchema).optional(),
  parking_type: ParkingTypeSchema.optional(),
  evses: z.array(EVSESchema).optional(),
  directions: z.array(DisplayTextSchema).optional(),
  operator: BusinessDetailsSchema.optional(),
  suboperator: BusinessDetailsSchema.optional(),
  owner: BusinessDetailsSchema.optional(),
  facilities: z.array(FacilitySchema).optional(),
  time_zone: ocpiString(255),
  opening_times: HoursSchema.optional(),
  charging_when_closed: z.boolean().optional(),
  images: z.array(ImageSchema).optional(),
  energy_mix: EnergyMixSchema.optional(),
  last_updated: DateTimeSchema,
});

/** `publish_allowed_to` "may only be used when publish is set to false" (locations §8.3.1). */
function checkPublishAllowedTo(
  location: { publish?: boolean; publish_allowed_to?: unknown[] },
  ctx: z.RefinementCtx,
): void {
  if (location.publish === true && (location.publish_allowed_to ?? []).length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: 'may only be used when publish is false',
      path: ['publish_allowed_to'],
    });
  }
}

export const LocationSchema = LocationObject.superRefine(checkPublishAllowedTo);
export type Location = z.infer<typeof LocationSchema>;

/**
 * Location PATCH (locations §8.2.2.3): any subset of fields, `last_updated` mandatory (2.2+). Nested
 * objects (e.g. a full `evses` list) are still validated in full.
 */
export const LocationPatchSchema = LocationObject.partial()
  .extend({ last_updated: DateTimeSchema })
  .superRefine(checkPublishAllowedTo);
export type LocationPatch = z.infer<typeof LocationPatchSchema>;
