import { z } from 'zod';
import { ImageSchema } from './image';
import { ocpiString, UrlSchema } from './primitives';

/** BusinessDetails (locations §8.4.2), also used by CredentialsRole. */
export const BusinessDetailsSchema = z.looseObject({
  name: ocpiString(100),
  website: UrlSchema.optional(),
  logo: ImageSchema.optional(),
});
export type BusinessDetails = z.infer<typeof BusinessDetailsSchema>;
