import * as z from 'zod/mini';
import { nonEmptyList, ocpiObject } from './objects';
import { ciString, IntSchema, ocpiString } from './primitives';

/**
 * SignedValue (cdrs §10.4.11). plain_data accepts 5000 characters per the release-2.2.1-bugfixes
 * errata (was 512); signed_data was already 5000.
 */
export const SignedValueSchema = ocpiObject(() => ({
  nature: ciString(32),
  plain_data: ocpiString(5000),
  signed_data: ocpiString(5000),
}));
export type SignedValue = z.infer<typeof SignedValueSchema>;

/** SignedData (cdrs §10.4.10): calibration-law (Eichrecht) signed meter values. */
export const SignedDataSchema = ocpiObject(() => ({
  encoding_method: ciString(36),
  encoding_method_version: z.optional(IntSchema),
  public_key: z.optional(ocpiString(512)),
  signed_values: nonEmptyList(SignedValueSchema),
  url: z.optional(ocpiString(512)),
}));
export type SignedData = z.infer<typeof SignedDataSchema>;
