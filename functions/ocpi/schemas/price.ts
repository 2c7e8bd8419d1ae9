import * as z from 'zod/mini';
import { ocpiObject } from './objects';

/** Price (types §16.4, 2.2.1 form): `incl_vat` is absent when VAT is unknown, which is not the same as 0. */
export const PriceSchema = ocpiObject(() => ({
  excl_vat: z.number(),
  incl_vat: z.optional(z.number()),
}));
export type Price = z.infer<typeof PriceSchema>;
