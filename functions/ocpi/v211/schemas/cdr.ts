import * as z from 'zod/mini';
import { Location211Schema } from './location';
import {
  CurrencySchema,
  ciString,
  DateTime211Schema,
  Id211Schema,
  nonEmptyList,
  ocpiObject,
  ocpiString,
} from './primitives';
import { AuthMethod211Schema, ChargingPeriod211Schema } from './session';
import { Tariff211Schema } from './tariff';

/**
 * CDR (OCPI 2.1.1 cdrs): `stop_date_time` (2.2.1: end_date_time), `auth_id`, the whole Location, number
 * costs excluding VAT, id CiString(36). No owner fields, session_id, cost breakdown, signed data or
 * credit CDRs.
 */
export const CDR211Schema = ocpiObject(() => ({
  id: ciString(36),
  start_date_time: DateTime211Schema,
  stop_date_time: DateTime211Schema,
  auth_id: Id211Schema,
  auth_method: AuthMethod211Schema,
  location: Location211Schema,
  meter_id: z.optional(ocpiString(255)),
  currency: CurrencySchema,
  tariffs: z.optional(z.array(Tariff211Schema)),
  charging_periods: nonEmptyList(ChargingPeriod211Schema),
  total_cost: z.number(),
  total_energy: z.number(),
  total_time: z.number(),
  total_parking_time: z.optional(z.number()),
  remark: z.optional(ocpiString(255)),
  last_updated: DateTime211Schema,
}));
export type CDR211 = z.infer<typeof CDR211Schema>;
