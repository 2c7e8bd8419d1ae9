import type { ConnectorPatch, PowerType } from '../../schemas/connector';
import {
  CONNECTOR_TYPES_211,
  type Connector211Patch,
  type ConnectorType211,
  type PowerType211,
} from '../schemas/connector';
import { compact } from './party';
import { fieldPath, type LossLog, noteLoss, UntranslatableError } from './untranslatable';

export function isConnectorType211(standard: string): standard is ConnectorType211 {
  return (CONNECTOR_TYPES_211 as readonly string[]).includes(standard);
}

/**
 * 2.1.1 knows no two-phase supply. AC_2_PHASE and AC_2_PHASE_SPLIT become AC_1_PHASE: split phase is one
 * phase at the full voltage, and for true two-phase supply the single-phase figure understates the power
 * instead of promising more than the connector gives.
 */
export function powerTypeTo211(powerType: PowerType, path: string, log?: LossLog): PowerType211 {
  if (powerType === 'AC_1_PHASE' || powerType === 'AC_3_PHASE' || powerType === 'DC') return powerType;
  noteLoss(log, path, `${powerType} sent as AC_1_PHASE`);
  return 'AC_1_PHASE';
}

/** The connector fields of a full Connector or a PATCH, renamed for 2.1.1. */
export function connectorFieldsTo211(
  connector: ConnectorPatch,
  path: string,
  log?: LossLog,
): Connector211Patch {
  const { max_voltage, max_amperage, max_electric_power, tariff_ids, power_type, standard, ...rest } =
    connector;
  if (standard !== undefined && !isConnectorType211(standard)) {
    throw new UntranslatableError(
      '2.1.1',
      fieldPath(path, 'standard'),
      `2.1.1 has no connector type ${standard}`,
    );
  }
  if (max_electric_power !== undefined) {
    noteLoss(log, fieldPath(path, 'max_electric_power'), 'dropped: 2.1.1 has no such field');
  }
  if (tariff_ids !== undefined && tariff_ids.length > 1) {
    noteLoss(log, fieldPath(path, 'tariff_ids'), 'only the first tariff id is sent: 2.1.1 has one tariff_id');
  }
  return compact({
    ...rest,
    standard,
    power_type:
      power_type === undefined ? undefined : powerTypeTo211(power_type, fieldPath(path, 'power_type'), log),
    voltage: max_voltage,
    amperage: max_amperage,
    tariff_id: tariff_ids?.[0],
  }) as Connector211Patch;
}

/** The connector fields of a 2.1.1 Connector or PATCH, renamed for 2.2.1. */
export function connectorFieldsTo221(connector: Connector211Patch): ConnectorPatch {
  const { voltage, amperage, tariff_id, ...rest } = connector;
  return compact({
    ...rest,
    max_voltage: voltage,
    max_amperage: amperage,
    tariff_ids: tariff_id === undefined ? undefined : [tariff_id],
  }) as ConnectorPatch;
}
