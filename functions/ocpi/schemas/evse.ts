import { z } from 'zod';
import { DateTimeSchema } from '../datetime';
import { ConnectorSchema } from './connector';
import { DisplayTextSchema } from './display-text';
import { GeoLocationSchema } from './geo-location';
import { ImageSchema } from './image';
import { ciString, IdSchema, ocpiString } from './primitives';

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
export const EVSEStatusSchema = z.enum(EVSE_STATUSES);
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
export const CapabilitySchema = z.enum(CAPABILITIES);
export type Capability = z.infer<typeof CapabilitySchema>;

export const PARKING_RESTRICTIONS = ['EV_ONLY', 'PLUGGED', 'DISABLED', 'CUSTOMERS', 'MOTORCYCLES'] as const;
export const ParkingRestrictionSchema = z.enum(PARKING_RESTRICTIONS);
export type ParkingRestriction = z.infer<typeof ParkingRestrictionSchema>;

/** StatusSchedule (locations §8.4.23): planned future status; an open end means "until further notice". */
export const StatusScheduleSchema = z.looseObject({
  period_begin: DateTimeSchema,
  period_end: DateTimeSchema.optional(),
  status: EVSEStatusSchema,
});
export type StatusSchedule = z.infer<typeof StatusScheduleSchema>;

/**
 * EVSE (locations §8.3.2). `uid` is the CPO's never-reused key; `evse_id` (eMI3) is optional because it
 * may be dropped once the EVSE is REMOVED. At least one connector is required.
 */
export const EVSESchema = z.looseObject({
  uid: IdSchema,
  evse_id: ciString(48).optional(),
  status: EVSEStatusSchema,
  status_schedule: z.array(StatusScheduleSchema).optional(),
  capabilities: z.array(CapabilitySchema).optional(),
  connectors: z.array(ConnectorSchema).min(1),
  floor_level: ocpiString(4).optional(),
  coordinates: GeoLocationSchema.optional(),
  physical_reference: ocpiString(16).optional(),
  directions: z.array(DisplayTextSchema).optional(),
  parking_restrictions: z.array(ParkingRestrictionSchema).optional(),
  images: z.array(ImageSchema).optional(),
  last_updated: DateTimeSchema,
});
export type EVSE = z.infer<typeof EVSESchema>;

/** EVSE PATCH (locations §8.2.2.3): any subset of fields, `last_updated` mandatory (2.2+). */
export const EVSEPatchSchema = EVSESchema.partial().extend({ last_updated: DateTimeSchema });
export type EVSEPatch = z.infer<typeof EVSEPatchSchema>;
