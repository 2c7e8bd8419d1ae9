import { z } from 'zod';
import { IntSchema, TimeOfDaySchema } from './primitives';

export const DAYS_OF_WEEK = [
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
] as const;
export const DayOfWeekSchema = z.enum(DAYS_OF_WEEK);
export type DayOfWeek = z.infer<typeof DayOfWeekSchema>;

export const RESERVATION_RESTRICTION_TYPES = ['RESERVATION', 'RESERVATION_EXPIRES'] as const;
export const ReservationRestrictionTypeSchema = z.enum(RESERVATION_RESTRICTION_TYPES);
export type ReservationRestrictionType = z.infer<typeof ReservationRestrictionTypeSchema>;

/** `YYYY-MM-DD` local date (tariffs §11.4.6), regex from the spec. */
const LocalDateSchema = z.string().regex(/^([12][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, {
  message: 'must be a date YYYY-MM-DD',
});

/**
 * TariffRestrictions (tariffs §11.4.6). No ordering between start_time and end_time is enforced: the spec
 * lets a time window wrap around midnight (end_time before start_time). Durations are in seconds.
 */
export const TariffRestrictionsSchema = z.looseObject({
  start_time: TimeOfDaySchema.optional(),
  end_time: TimeOfDaySchema.optional(),
  start_date: LocalDateSchema.optional(),
  end_date: LocalDateSchema.optional(),
  min_kwh: z.number().optional(),
  max_kwh: z.number().optional(),
  min_current: z.number().optional(),
  max_current: z.number().optional(),
  min_power: z.number().optional(),
  max_power: z.number().optional(),
  min_duration: IntSchema.optional(),
  max_duration: IntSchema.optional(),
  day_of_week: z.array(DayOfWeekSchema).optional(),
  reservation: ReservationRestrictionTypeSchema.optional(),
});
export type TariffRestrictions = z.infer<typeof TariffRestrictionsSchema>;
