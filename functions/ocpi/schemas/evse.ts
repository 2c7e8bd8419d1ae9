import * as z from 'zod/mini';
import { ConnectorSchema } from './connector';
import { DisplayTextSchema } from './display-text';
import { closedEnum, openEnum } from './enums';
import { GeoLocationSchema } from './geo-location';
import { ImageSchema } from './image';
import { nonEmptyList, ocpiObject, ocpiPatch } from './objects';
import { ciString, DateTimeSchema, IdSchema, ocpiString } from './primitives';

/** Status (locations §8.4.22). An EVSE is never deleted: it ends as REMOVED. */
export const EVSE_STATUSES = [
  'AVAILABLE',
  'BLOCKED',
  'CHARGING',
  'INOPERATIVE',
  'OUTOFORDER',
  'PLANNED',
  'REMOVED',
  'RESERVED',
  'UNKNOWN',
] as const;
export const EVSEStatusSchema = closedEnum(EVSE_STATUSES);
export type EVSEStatus = z.infer<typeof EVSEStatusSchema>;

export const CAPABILITIES = [
  'CHARGING_PROFILE_CAPABLE',
  'CHARGING_PREFERENCES_CAPABLE',
  'CHIP_CARD_SUPPORT',
  'CONTACTLESS_CARD_SUPPORT',
  'CREDIT_CARD_PAYABLE',
  'DEBIT_CARD_PAYABLE',
  'PED_TERMINAL',
  'REMOTE_START_STOP_CAPABLE',
  'RESERVABLE',
  'RFID_READER',
  'START_SESSION_CONNECTOR_REQUIRED',
  'TOKEN_GROUP_CAPABLE',
  'UNLOCK_CAPABLE',
] as const;
export const CapabilitySchema = openEnum(CAPABILITIES);
export type Capability = z.infer<typeof CapabilitySchema>;

export const PARKING_RESTRICTIONS = ['EV_ONLY', 'PLUGGED', 'DISABLED', 'CUSTOMERS', 'MOTORCYCLES'] as const;
export const ParkingRestrictionSchema = openEnum(PARKING_RESTRICTIONS);
export type ParkingRestriction = z.infer<typeof ParkingRestrictionSchema>;

/** StatusSchedule (locations §8.4.23): planned future status; an open end means "until further notice". */
export const StatusScheduleSchema = ocpiObject(() => ({
  period_begin: DateTimeSchema,
  period_end: z.optional(DateTimeSchema),
  status: EVSEStatusSchema,
}));
export type StatusSchedule = z.infer<typeof StatusScheduleSchema>;

/**
 * EVSE (locations §8.3.2). `uid` is the CPO's never-reused key; `evse_id` (eMI3) is optional because it
 * may be dropped once the EVSE is REMOVED. At least one connector is required.
 */
const evseFields = () => ({
  uid: IdSchema,
  evse_id: z.optional(ciString(48)),
  status: EVSEStatusSchema,
  status_schedule: z.optional(z.array(StatusScheduleSchema)),
  capabilities: z.optional(z.array(CapabilitySchema)),
  connectors: nonEmptyList(ConnectorSchema),
  floor_level: z.optional(ocpiString(4)),
  coordinates: z.optional(GeoLocationSchema),
  physical_reference: z.optional(ocpiString(16)),
  directions: z.optional(z.array(DisplayTextSchema)),
  parking_restrictions: z.optional(z.array(ParkingRestrictionSchema)),
  images: z.optional(z.array(ImageSchema)),
  last_updated: DateTimeSchema,
});
export const EVSESchema = ocpiObject(evseFields);
export type EVSE = z.infer<typeof EVSESchema>;

/** EVSE PATCH (locations §8.2.2.3): any subset of fields, `last_updated` mandatory (2.2+). */
export const EVSEPatchSchema = ocpiPatch(evseFields);
export type EVSEPatch = z.infer<typeof EVSEPatchSchema>;
