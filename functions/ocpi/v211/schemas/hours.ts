import * as z from 'zod/mini';
import { builtOnFirstUse } from '../../schemas/built-on-first-use';
import { RegularHoursSchema } from '../../schemas/hours';
import { DateTime211Schema, ocpiObject } from './primitives';

/** ExceptionalPeriod (OCPI 2.1.1 locations): UTC DateTimes (2.1.1 form). */
export const ExceptionalPeriod211Schema = ocpiObject(() => ({
  period_begin: DateTime211Schema,
  period_end: DateTime211Schema,
}));
export type ExceptionalPeriod211 = z.infer<typeof ExceptionalPeriod211Schema>;

/**
 * Hours (OCPI 2.1.1 locations): a choice of `regular_hours` or `twentyfourseven` (2.2.1 makes
 * `twentyfourseven` required instead). Either one must say when the location is open: open around the
 * clock, or at least one regular period. `twentyfourseven: false` next to regular hours is redundant but
 * common, so it is accepted. RegularHours did not change between the versions.
 */
export const Hours211Schema = builtOnFirstUse(() =>
  ocpiObject(() => ({
    regular_hours: z.optional(z.array(RegularHoursSchema)),
    twentyfourseven: z.optional(z.boolean()),
    exceptional_openings: z.optional(z.array(ExceptionalPeriod211Schema)),
    exceptional_closings: z.optional(z.array(ExceptionalPeriod211Schema)),
  })).check(
    z.superRefine((hours, ctx) => {
      if (hours.twentyfourseven !== true && (hours.regular_hours ?? []).length === 0) {
        ctx.addIssue({
          code: 'custom',
          message: 'is required (at least one entry) unless twentyfourseven is true',
          path: ['regular_hours'],
        });
      }
    }),
  ),
);
export type Hours211 = z.infer<typeof Hours211Schema>;
