import * as z from 'zod/mini';
import { builtOnFirstUse } from './built-on-first-use';
import { ocpiObject } from './objects';
import { DateTimeSchema, isTimeOfDay, TimeOfDaySchema } from './primitives';

/**
 * RegularHours (locations §8.4.21): weekday 1 = Monday … 7 = Sunday, local `HH:MM` times, and the
 * spec says period_end "must be later than period_begin". A period over midnight is therefore two
 * entries (e.g. Mon 22:00–23:59 and Tue 00:00–06:00); the same-string comparison works because both
 * sides are zero-padded HH:MM.
 */
export const RegularHoursSchema = builtOnFirstUse(() =>
  ocpiObject(() => ({
    weekday: z.int().check(z.minimum(1), z.maximum(7)),
    period_begin: TimeOfDaySchema,
    period_end: TimeOfDaySchema,
  })).check(
    z.superRefine((hours, ctx) => {
      const comparable = isTimeOfDay(hours.period_begin) && isTimeOfDay(hours.period_end);
      if (comparable && hours.period_end <= hours.period_begin) {
        ctx.addIssue({ code: 'custom', message: 'must be later than period_begin', path: ['period_end'] });
      }
    }),
  ),
);
export type RegularHours = z.infer<typeof RegularHoursSchema>;

/** ExceptionalPeriod (locations §8.4.10): UTC DateTimes, unlike RegularHours. */
export const ExceptionalPeriodSchema = ocpiObject(() => ({
  period_begin: DateTimeSchema,
  period_end: DateTimeSchema,
}));
export type ExceptionalPeriod = z.infer<typeof ExceptionalPeriodSchema>;

/**
 * Hours (locations §8.4.14): `twentyfourseven` is required; when it is false, `regular_hours` must hold
 * at least one entry. Regular hours next to `twentyfourseven: true` are redundant but harmless, so they
 * are not rejected.
 */
export const HoursSchema = builtOnFirstUse(() =>
  ocpiObject(() => ({
    twentyfourseven: z.boolean(),
    regular_hours: z.optional(z.array(RegularHoursSchema)),
    exceptional_openings: z.optional(z.array(ExceptionalPeriodSchema)),
    exceptional_closings: z.optional(z.array(ExceptionalPeriodSchema)),
  })).check(
    z.superRefine((hours, ctx) => {
      if (!hours.twentyfourseven && (hours.regular_hours ?? []).length === 0) {
        ctx.addIssue({
          code: 'custom',
          message: 'is required (at least one entry) when twentyfourseven is false',
          path: ['regular_hours'],
        });
      }
    }),
  ),
);
export type Hours = z.infer<typeof HoursSchema>;
