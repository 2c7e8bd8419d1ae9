import * as z from 'zod/mini';
import { ConnectorFormatSchema, ConnectorTypeSchema, PowerTypeSchema } from './connector';
import { GeoLocationSchema } from './geo-location';
import { ocpiObject } from './objects';
import { CountryAlpha3Schema, ciString, IdSchema, ocpiString } from './primitives';

/**
 * CdrLocation (cdrs §10.4.4): a snapshot of where the charge happened. Unlike Location, address and
 * state keep their old sizes (45 / 20): the errata enlarged only Location's. For a reservation-only CDR
 * the EVSE and connector fields may be `#NA` (ocpi-notes §1.6).
 */
export const CdrLocationSchema = ocpiObject(() => ({
  id: IdSchema,
  name: z.optional(ocpiString(255)),
  address: ocpiString(45),
  city: ocpiString(45),
  postal_code: z.optional(ocpiString(10)),
  state: z.optional(ocpiString(20)),
  country: CountryAlpha3Schema,
  coordinates: GeoLocationSchema,
  evse_uid: IdSchema,
  evse_id: ciString(48),
  connector_id: IdSchema,
  connector_standard: ConnectorTypeSchema,
  connector_format: ConnectorFormatSchema,
  connector_power_type: PowerTypeSchema,
}));
export type CdrLocation = z.infer<typeof CdrLocationSchema>;
