import { z } from 'zod';
import { DateTimeSchema } from '../datetime';
import { IdSchema } from './primitives';

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
export const CdrDimensionTypeSchema = z.enum(CDR_DIMENSION_TYPES);
export type CdrDimensionType = z.infer<typeof CdrDimensionTypeSchema>;

/** CdrDimension (cdrs §10.4.6). */
export const CdrDimensionSchema = z.looseObject({
  type: CdrDimensionTypeSchema,
  volume: z.number(),
});
export type CdrDimension = z.infer<typeof CdrDimensionSchema>;

/** ChargingPeriod (cdrs §10.4.5): a new period starts at every change of the active price component. */
export const ChargingPeriodSchema = z.looseObject({
  start_date_time: DateTimeSchema,
  dimensions: z.array(CdrDimensionSchema).min(1),
  tariff_id: IdSchema.optional(),
});
export type ChargingPeriod = z.infer<typeof ChargingPeriodSchema>;
