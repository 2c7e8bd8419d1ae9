import * as z from 'zod/mini';
import { closedEnum, openEnum } from './enums';
import { ocpiObject, ocpiPatch } from './objects';
import { DateTimeSchema, IdSchema, IntSchema, UrlSchema } from './primitives';

export const CONNECTOR_TYPES = [
  'CHADEMO',
  'CHAOJI',
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
  'DOMESTIC_M',
  'DOMESTIC_N',
  'DOMESTIC_O',
  'GBT_AC',
  'GBT_DC',
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
  'NEMA_5_20',
  'NEMA_6_30',
  'NEMA_6_50',
  'NEMA_10_30',
  'NEMA_10_50',
  'NEMA_14_30',
  'NEMA_14_50',
  'PANTOGRAPH_BOTTOM_UP',
  'PANTOGRAPH_TOP_DOWN',
  'TESLA_R',
  'TESLA_S',
] as const;
export const ConnectorTypeSchema = openEnum(CONNECTOR_TYPES);
export type ConnectorType = z.infer<typeof ConnectorTypeSchema>;

export const CONNECTOR_FORMATS = ['SOCKET', 'CABLE'] as const;
export const ConnectorFormatSchema = closedEnum(CONNECTOR_FORMATS);
export type ConnectorFormat = z.infer<typeof ConnectorFormatSchema>;

export const POWER_TYPES = ['AC_1_PHASE', 'AC_2_PHASE', 'AC_2_PHASE_SPLIT', 'AC_3_PHASE', 'DC'] as const;
export const PowerTypeSchema = closedEnum(POWER_TYPES);
export type PowerType = z.infer<typeof PowerTypeSchema>;

/** Connector (locations §8.3.3). Voltage in V, amperage in A, max_electric_power in W. */
const connectorFields = () => ({
  id: IdSchema,
  standard: ConnectorTypeSchema,
  format: ConnectorFormatSchema,
  power_type: PowerTypeSchema,
  max_voltage: IntSchema,
  max_amperage: IntSchema,
  max_electric_power: z.optional(IntSchema),
  tariff_ids: z.optional(z.array(IdSchema)),
  terms_and_conditions: z.optional(UrlSchema),
  last_updated: DateTimeSchema,
});
export const ConnectorSchema = ocpiObject(connectorFields);

export type Connector = z.infer<typeof ConnectorSchema>;

/** Connector PATCH (locations §8.2.2.3): any subset of fields, `last_updated` mandatory (2.2+). */
export const ConnectorPatchSchema = ocpiPatch(connectorFields);
export type ConnectorPatch = z.infer<typeof ConnectorPatchSchema>;
