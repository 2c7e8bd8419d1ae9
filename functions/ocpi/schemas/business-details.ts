import * as z from 'zod/mini';
import { ImageSchema } from './image';
import { ocpiObject } from './objects';
import { ocpiString, UrlSchema } from './primitives';

/** BusinessDetails (locations §8.4.2), also used by CredentialsRole. */
export const BusinessDetailsSchema = ocpiObject(() => ({
  name: ocpiString(100),
  website: z.optional(UrlSchema),
  logo: z.optional(ImageSchema),
}));
export type BusinessDetails = z.infer<typeof BusinessDetailsSchema>;
