import * as z from 'zod/mini';
import { DisplayTextSchema } from '../../schemas/display-text';
import { EVSE_STATUSES, PARKING_RESTRICTIONS } from '../../schemas/evse';
import { ImageSchema } from '../../schemas/image';
import { Connector211Schema } from './connector';
import { GeoLocation211Schema } from './geo-location';
import {
  closedEnum,
  DateTime211Schema,
  LongId211Schema,
  nonEmptyList,
  ocpiObject,
  ocpiString,
  openEnum,
  patch211,
} from './primitives';

/** Status (OCPI 2.1.1 locations): the same nine values as 2.2.1. */
export const EVSEStatus211Schema = closedEnum(EVSE_STATUSES);

/** Capability (OCPI 2.1.1 locations): six values; 2.2.1 adds seven more. */
export const CAPABILITIES_211 = [
  'CHARGING_PROFILE_CAPABLE',
  'CREDIT_CARD_PAYABLE',
  'REMOTE_START_STOP_CAPABLE',
  'RESERVABLE',
  'RFID_READER',
  'UNLOCK_CAPABLE',
] as const;
/** Open as in 2.3.0 (ocpi-notes §7), like ParkingRestriction below. */
export const Capability211Schema = openEnum(CAPABILITIES_211);
export type Capability211 = z.infer<typeof Capability211Schema>;

export const ParkingRestriction211Schema = openEnum(PARKING_RESTRICTIONS);

/** StatusSchedule (OCPI 2.1.1 locations). */
export const StatusSchedule211Schema = ocpiObject(() => ({
  period_begin: DateTime211Schema,
  period_end: z.optional(DateTime211Schema),
  status: EVSEStatus211Schema,
}));

/** EVSE (OCPI 2.1.1 locations): as in 2.2.1 except the uid is string(39) and the capability set is smaller. */
const evse211Fields = () => ({
  uid: LongId211Schema,
  evse_id: z.optional(ocpiString(48)),
  status: EVSEStatus211Schema,
  status_schedule: z.optional(z.array(StatusSchedule211Schema)),
  capabilities: z.optional(z.array(Capability211Schema)),
  connectors: nonEmptyList(Connector211Schema),
  floor_level: z.optional(ocpiString(4)),
  coordinates: z.optional(GeoLocation211Schema),
  physical_reference: z.optional(ocpiString(16)),
  directions: z.optional(z.array(DisplayTextSchema)),
  parking_restrictions: z.optional(z.array(ParkingRestriction211Schema)),
  images: z.optional(z.array(ImageSchema)),
  last_updated: DateTime211Schema,
});
export const EVSE211Schema = ocpiObject(evse211Fields);
export type EVSE211 = z.infer<typeof EVSE211Schema>;

/** EVSE PATCH (OCPI 2.1.1 locations): any subset of fields; no `last_updated` needed. */
export const EVSE211PatchSchema = patch211(evse211Fields);
export type EVSE211Patch = z.infer<typeof EVSE211PatchSchema>;
