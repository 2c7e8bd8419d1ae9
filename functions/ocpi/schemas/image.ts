import { z } from 'zod';
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
export const ImageCategorySchema = z.enum(IMAGE_CATEGORIES);
export type ImageCategory = z.infer<typeof ImageCategorySchema>;

/** int(5) in the spec: at most five digits. */
const PixelsSchema = z.number().int().min(0).max(99999);

/** Image (locations §8.4.15). `type` is the file extension, e.g. `jpeg`. */
export const ImageSchema = z.looseObject({
  url: UrlSchema,
  thumbnail: UrlSchema.optional(),
  category: ImageCategorySchema,
  type: ciString(4),
  width: PixelsSchema.optional(),
  height: PixelsSchema.optional(),
});
export type Image = z.infer<typeof ImageSchema>;
