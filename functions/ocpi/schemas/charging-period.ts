import * as z from 'zod/mini';
import { closedEnum } from './enums';
import { nonEmptyList, ocpiObject } from './objects';
import { DateTimeSchema, IdSchema } from './primitives';

/**
 * CdrDimensionType (cdrs §10.4.7). CURRENT, ENERGY_EXPORT, ENERGY_IMPORT, POWER and STATE_OF_CHARGE are
 * Session-only, but the enum is shared; ENERGY is in kWh, the *_TIME types in hours.
 */
export const CDR_DIMENSION_TYPES = [
  'CURRENT',
  'ENERGY',
  'ENERGY_EXPORT',
  'ENERGY_IMPORT',
  'MAX_CURRENT',
  'MIN_CURRENT',
  'MAX_POWER',
  'MIN_POWER',
  'PARKING_TIME',
  'POWER',
  'RESERVATION_TIME',
  'STATE_OF_CHARGE',
  'TIME',
] as const;
export const CdrDimensionTypeSchema = closedEnum(CDR_DIMENSION_TYPES);
export type CdrDimensionType = z.infer<typeof CdrDimensionTypeSchema>;

/** CdrDimension (cdrs §10.4.6). */
export const CdrDimensionSchema = ocpiObject(() => ({
  type: CdrDimensionTypeSchema,
  volume: z.number(),
}));
export type CdrDimension = z.infer<typeof CdrDimensionSchema>;

/** ChargingPeriod (cdrs §10.4.5): a new period starts at every change of the active price component. */
export const ChargingPeriodSchema = ocpiObject(() => ({
  start_date_time: DateTimeSchema,
  dimensions: nonEmptyList(CdrDimensionSchema),
  tariff_id: z.optional(IdSchema),
}));
export type ChargingPeriod = z.infer<typeof ChargingPeriodSchema>;
