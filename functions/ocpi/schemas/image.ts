import * as z from 'zod/mini';
import { builtOnFirstUse } from './built-on-first-use';
import { openEnum } from './enums';
import { ocpiObject } from './objects';
import { ciString, UrlSchema } from './primitives';

export const IMAGE_CATEGORIES = [
  'CHARGER',
  'ENTRANCE',
  'LOCATION',
  'NETWORK',
  'OPERATOR',
  'OTHER',
  'OWNER',
] as const;
export const ImageCategorySchema = openEnum(IMAGE_CATEGORIES);
export type ImageCategory = z.infer<typeof ImageCategorySchema>;

/** int(5) in the spec: at most five digits. */
const PixelsSchema = builtOnFirstUse(() => z.int().check(z.minimum(0), z.maximum(99999)));

/** Image (locations §8.4.15). `type` is the file extension, e.g. `jpeg`. */
export const ImageSchema = ocpiObject(() => ({
  url: UrlSchema,
  thumbnail: z.optional(UrlSchema),
  category: ImageCategorySchema,
  type: ciString(4),
  width: z.optional(PixelsSchema),
  height: z.optional(PixelsSchema),
}));
export type Image = z.infer<typeof ImageSchema>;
