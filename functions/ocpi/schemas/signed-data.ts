import { z } from 'zod';
import { ciString, IntSchema, ocpiString } from './primitives';

/**
 * SignedValue (cdrs §10.4.11). plain_data accepts 5000 characters per the release-2.2.1-bugfixes
 * errata (was 512); signed_data was already 5000.
 */
export const SignedValueSchema = z.looseObject({
  nature: ciString(32),
  plain_data: ocpiString(5000),
  signed_data: ocpiString(5000),
});
export type SignedValue = z.infer<typeof SignedValueSchema>;

/** SignedData (cdrs §10.4.10): calibration-law (Eichrecht) signed meter values. */
export const SignedDataSchema = z.looseObject({
  encoding_method: ciString(36),
  encoding_method_version: IntSchema.optional(),
  public_key: ocpiString(512).optional(),
  signed_values: z.array(SignedValueSchema).min(1),
  url: ocpiString(512).optional(),
});
export type SignedData = z.infer<typeof SignedDataSchema>;
