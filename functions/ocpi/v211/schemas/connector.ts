import * as z from 'zod/mini';
import { CONNECTOR_FORMATS } from '../../schemas/connector';
import {
  closedEnum,
  DateTime211Schema,
  Id211Schema,
  IntSchema,
  ocpiObject,
  openEnum,
  patch211,
  UrlSchema,
} from './primitives';

/** ConnectorType (OCPI 2.1.1 locations): 25 standards; 2.2.1 added CHAOJI, GB/T, NEMA, pantographs. */
export const CONNECTOR_TYPES_211 = [
  'CHADEMO',
  'DOMESTIC_A',
  'DOMESTIC_B',
  'DOMESTIC_C',
  'DOMESTIC_D',
  'DOMESTIC_E',
  'DOMESTIC_F',
  'DOMESTIC_G',
  'DOMESTIC_H',
  'DOMESTIC_I',
  'DOMESTIC_J',
  'DOMESTIC_K',
  'DOMESTIC_L',
  'IEC_60309_2_single_16',
  'IEC_60309_2_three_16',
  'IEC_60309_2_three_32',
  'IEC_60309_2_three_64',
  'IEC_62196_T1',
  'IEC_62196_T1_COMBO',
  'IEC_62196_T2',
  'IEC_62196_T2_COMBO',
  'IEC_62196_T3A',
  'IEC_62196_T3C',
  'TESLA_R',
  'TESLA_S',
] as const;
/** Open as in 2.3.0 (ocpi-notes §7): a value this hub does not know is kept, not refused. */
export const ConnectorType211Schema = openEnum(CONNECTOR_TYPES_211);
export type ConnectorType211 = z.infer<typeof ConnectorType211Schema>;

/** PowerType (OCPI 2.1.1 locations): no two-phase values (2.2.1 adds AC_2_PHASE and AC_2_PHASE_SPLIT). */
export const POWER_TYPES_211 = ['AC_1_PHASE', 'AC_3_PHASE', 'DC'] as const;
export const PowerType211Schema = closedEnum(POWER_TYPES_211);
export type PowerType211 = z.infer<typeof PowerType211Schema>;

export const ConnectorFormat211Schema = closedEnum(CONNECTOR_FORMATS);

/**
 * Connector (OCPI 2.1.1 locations): `voltage` and `amperage` (2.2.1: max_voltage / max_amperage), one
 * optional `tariff_id` (2.2.1: a `tariff_ids` list), no max_electric_power.
 */
const connector211Fields = () => ({
  id: Id211Schema,
  standard: ConnectorType211Schema,
  format: ConnectorFormat211Schema,
  power_type: PowerType211Schema,
  voltage: IntSchema,
  amperage: IntSchema,
  tariff_id: z.optional(Id211Schema),
  terms_and_conditions: z.optional(UrlSchema),
  last_updated: DateTime211Schema,
});
export const Connector211Schema = ocpiObject(connector211Fields);
export type Connector211 = z.infer<typeof Connector211Schema>;

/** Connector PATCH (OCPI 2.1.1 locations): any subset of fields, `last_updated` included. */
export const Connector211PatchSchema = patch211(connector211Fields);
export type Connector211Patch = z.infer<typeof Connector211PatchSchema>;
