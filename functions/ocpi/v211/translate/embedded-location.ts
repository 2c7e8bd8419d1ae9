import type { Location } from '../../schemas/location';
import type { Location211 } from '../schemas/location';
import { locationBodyTo211 } from './location';
import { type LossLog, UntranslatableError } from './untranslatable';

/** `#NA` marks an EVSE or connector reference that cannot exist, e.g. an unassigned reservation (ocpi-notes §1.6). */
export const NOT_APPLICABLE = '#NA';

const sameId = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

/**
 * Runs a nested translation and reports its failures under `prefix`, so an error inside an embedded
 * location names `location.evses[0]...` rather than `evses[0]...`.
 */
export function within<T>(prefix: string, translate: () => T): T {
  try {
    return translate();
  } catch (error) {
    if (!(error instanceof UntranslatableError)) throw error;
    const path = error.fieldPath === '' ? prefix : `${prefix}.${error.fieldPath}`;
    throw new UntranslatableError(
      error.targetVersion,
      path,
      error.message.replace(/^.*?cannot be expressed in OCPI [\d.]+: /, ''),
    );
  }
}

/**
 * The Location a 2.1.1 Session or CDR embeds: the stored location "including only the relevant EVSE and
 * connector" (OCPI 2.1.1 sessions). With `#NA` for the EVSE it carries no EVSE; with `#NA` for the
 * connector, all of the EVSE's connectors.
 */
export function embeddedLocationTo211(
  location: Location,
  evseUid: string,
  connectorId: string,
  log?: LossLog,
): Location211 {
  if (evseUid === NOT_APPLICABLE)
    return within('location', () => locationBodyTo211({ ...location, evses: [] }, log));
  const evse = location.evses?.find((candidate) => sameId(candidate.uid, evseUid));
  if (evse === undefined) {
    throw new UntranslatableError('2.1.1', 'evse_uid', 'the stored location has no such EVSE to embed');
  }
  const used = evse.connectors.find((connector) => sameId(connector.id, connectorId));
  const connectors = connectorId === NOT_APPLICABLE ? evse.connectors : used === undefined ? [] : [used];
  if (connectors.length === 0) {
    throw new UntranslatableError('2.1.1', 'connector_id', 'the stored EVSE has no such connector to embed');
  }
  return within('location', () => locationBodyTo211({ ...location, evses: [{ ...evse, connectors }] }, log));
}

/**
 * The ids a 2.2.1 Session or CDR names instead of embedding: the embedded location must hold at most the
 * one EVSE with the one connector in use, as 2.1.1 prescribes, or the hub cannot tell which was used.
 */
export function usedEvseOf(location: Location211, path: string) {
  const evses = location.evses ?? [];
  if (evses.length === 0) return undefined;
  const [evse] = evses;
  if (evses.length > 1 || evse === undefined) {
    throw new UntranslatableError('2.2.1', `${path}.evses`, 'must hold only the EVSE in use');
  }
  const [connector] = evse.connectors;
  if (evse.connectors.length > 1 || connector === undefined) {
    throw new UntranslatableError(
      '2.2.1',
      `${path}.evses[0].connectors`,
      'must hold only the connector in use',
    );
  }
  return { evse, connector };
}
