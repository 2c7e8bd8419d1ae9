import * as z from 'zod/mini';
import { builtOnFirstUse } from './built-on-first-use';
import { closedEnum } from './enums';
import { ocpiObject } from './objects';
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
export const DayOfWeekSchema = closedEnum(DAYS_OF_WEEK);
export type DayOfWeek = z.infer<typeof DayOfWeekSchema>;

export const RESERVATION_RESTRICTION_TYPES = ['RESERVATION', 'RESERVATION_EXPIRES'] as const;
export const ReservationRestrictionTypeSchema = closedEnum(RESERVATION_RESTRICTION_TYPES);
export type ReservationRestrictionType = z.infer<typeof ReservationRestrictionTypeSchema>;

/** `YYYY-MM-DD` local date (tariffs §11.4.6), regex from the spec. */
const LocalDateSchema = builtOnFirstUse(() =>
  z.string().check(
    z.regex(/^([12][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, {
      message: 'must be a date YYYY-MM-DD',
    }),
  ),
);

/**
 * TariffRestrictions (tariffs §11.4.6). No ordering between start_time and end_time is enforced: the spec
 * lets a time window wrap around midnight (end_time before start_time). Durations are in seconds.
 */
export const TariffRestrictionsSchema = ocpiObject(() => ({
  start_time: z.optional(TimeOfDaySchema),
  end_time: z.optional(TimeOfDaySchema),
  start_date: z.optional(LocalDateSchema),
  end_date: z.optional(LocalDateSchema),
  min_kwh: z.optional(z.number()),
  max_kwh: z.optional(z.number()),
  min_current: z.optional(z.number()),
  max_current: z.optional(z.number()),
  min_power: z.optional(z.number()),
  max_power: z.optional(z.number()),
  min_duration: z.optional(IntSchema),
  max_duration: z.optional(IntSchema),
  day_of_week: z.optional(z.array(DayOfWeekSchema)),
  reservation: z.optional(ReservationRestrictionTypeSchema),
}));
export type TariffRestrictions = z.infer<typeof TariffRestrictionsSchema>;
