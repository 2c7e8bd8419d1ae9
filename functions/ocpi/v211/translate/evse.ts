import type { EVSEPatch } from '../../schemas/evse';
import type { Connector211Patch } from '../schemas/connector';
import { CAPABILITIES_211, type Capability211, type EVSE211Patch } from '../schemas/evse';
import { connectorFieldsTo211, connectorFieldsTo221, isConnectorType211 } from './connector';
import { geoLocationTo211 } from './coordinates';
import { compact } from './party';
import { fieldPath, type LossLog, noteLoss, UntranslatableError } from './untranslatable';

function isCapability211(capability: string): capability is Capability211 {
  return (CAPABILITIES_211 as readonly string[]).includes(capability);
}

/** Capabilities 2.1.1 does not know (chip card, debit card, PED terminal...) are left out. */
function capabilitiesTo211(capabilities: readonly string[], path: string, log?: LossLog): Capability211[] {
  const known = capabilities.filter(isCapability211);
  const unknown = capabilities.filter((capability) => !isCapability211(capability));
  if (unknown.length > 0) noteLoss(log, path, `dropped, unknown to 2.1.1: ${unknown.join(', ')}`);
  return known;
}

/**
 * The connectors of an EVSE toward 2.1.1. A connector whose standard 2.1.1 lacks (GB/T, NEMA, CHAOJI,
 * pantographs...) is left out rather than shown as some other plug; an EVSE left with none cannot be
 * shown at all and is refused.
 */
function connectorsTo211(evse: EVSEPatch, path: string, log?: LossLog): Connector211Patch[] | undefined {
  if (evse.connectors === undefined) return undefined;
  const kept: Connector211Patch[] = [];
  evse.connectors.forEach((connector, index) => {
    const at = fieldPath(fieldPath(path, 'connectors'), index);
    if (isConnectorType211(connector.standard)) kept.push(connectorFieldsTo211(connector, at, log));
    else noteLoss(log, at, `left out: 2.1.1 has no connector type ${connector.standard}`);
  });
  if (kept.length === 0) {
    throw new UntranslatableError(
      '2.1.1',
      fieldPath(path, 'connectors'),
      'no connector of a standard 2.1.1 knows',
    );
  }
  return kept;
}

export function evseFieldsTo211(evse: EVSEPatch, path: string, log?: LossLog): EVSE211Patch {
  const { capabilities, connectors: _connectors, coordinates, ...rest } = evse;
  return compact({
    ...rest,
    capabilities: capabilities && capabilitiesTo211(capabilities, fieldPath(path, 'capabilities'), log),
    connectors: connectorsTo211(evse, path, log),
    coordinates: coordinates && geoLocationTo211(coordinates),
  }) as EVSE211Patch;
}

/** Every 2.1.1 EVSE field exists in 2.2.1 under the same name; only the connectors are renamed. */
export function evseFieldsTo221(evse: EVSE211Patch): EVSEPatch {
  const { connectors, ...rest } = evse;
  return compact({
    ...rest,
    connectors: connectors?.map((connector) => connectorFieldsTo221(connector)),
  }) as EVSEPatch;
}
