import { type CDR, CDRSchema } from '../../schemas/cdr';
import type { CdrLocation } from '../../schemas/cdr-location';
import type { Location } from '../../schemas/location';
import { type CDR211, CDR211Schema } from '../schemas/cdr';
import type { Location211 } from '../schemas/location';
import {
  authMethodTo211,
  chargingPeriodsTo211,
  chargingPeriodsTo221,
  costTo211,
  costTo221,
} from './charging-periods';
import { checked } from './checked';
import { isConnectorType211, powerTypeTo211 } from './connector';
import { geoLocationTo211 } from './coordinates';
import { utcDateTimes } from './datetimes';
import { embeddedLocationTo211, NOT_APPLICABLE, usedEvseOf, within } from './embedded-location';
import type { CdrTokenLookup, LocationLookup } from './lookups';
import { compact, type Party } from './party';
import { cdrTokenFor } from './session';
import { tariffTo211, tariffTo221 } from './tariff';
import { type LossLog, noteLoss, UntranslatableError } from './untranslatable';

/** 2.2.1 CDR fields with no 2.1.1 counterpart: each is dropped toward 2.1.1, and noted when present. */
const CDR_FIELDS_NOT_IN_211 = [
  'session_id',
  'authorization_reference',
  'signed_data',
  'total_fixed_cost',
  'total_energy_cost',
  'total_time_cost',
  'total_parking_cost',
  'total_reservation_cost',
  'invoice_reference_id',
  'home_charging_compensation',
  'credit',
  'credit_reference_id',
] as const;

function snapshotStandard(snapshot: CdrLocation) {
  if (isConnectorType211(snapshot.connector_standard)) return snapshot.connector_standard;
  throw new UntranslatableError(
    '2.1.1',
    'connector_standard',
    `2.1.1 has no connector type ${snapshot.connector_standard}`,
  );
}

/**
 * The CDR's Location for 2.1.1: the stored location restricted to the EVSE and connector used, with the
 * CDR's own snapshot (address, coordinates, EVSE id, plug) laid over it, since a CDR tells where the
 * charge happened then, not where the location is now.
 */
function cdrLocationTo211(stored: Location, snapshot: CdrLocation, log?: LossLog): Location211 {
  const embedded = embeddedLocationTo211(stored, snapshot.evse_uid, snapshot.connector_id, log);
  const { name, address, city, postal_code, country, coordinates } = snapshot;
  const evses = embedded.evses?.map((evse) => ({
    ...evse,
    evse_id: snapshot.evse_id === NOT_APPLICABLE ? evse.evse_id : snapshot.evse_id,
    connectors: evse.connectors.map((connector) => ({
      ...connector,
      standard: snapshotStandard(snapshot),
      format: snapshot.connector_format,
      power_type: powerTypeTo211(snapshot.connector_power_type, 'connector_power_type', log),
    })),
  }));
  return compact({
    ...embedded,
    name: name ?? embedded.name,
    address,
    city,
    postal_code: postal_code ?? embedded.postal_code,
    country,
    coordinates: geoLocationTo211(coordinates),
    evses,
  }) as Location211;
}

/**
 * A CDR toward a 2.1.1 eMSP. A credit CDR is refused: 2.1.1 has no credit CDRs, and a CDR with negative
 * costs and no reference to what it corrects would be billed as a new charge. The stored location is
 * embedded (2.1.1 Connector needs voltage and amperage, which a CdrLocation lacks); the cost breakdown,
 * session id, signed data and VAT-inclusive amounts are dropped, total_cost goes as its amount excluding
 * VAT, unchanged.
 */
export async function cdrTo211(cdr: CDR, findLocation: LocationLookup, log?: LossLog): Promise<CDR211> {
  if (cdr.credit === true) {
    throw new UntranslatableError(
      '2.1.1',
      'credit',
      '2.1.1 has no credit CDRs; settle the correction bilaterally',
    );
  }
  const {
    country_code,
    party_id,
    end_date_time,
    cdr_token,
    auth_method,
    cdr_location,
    tariffs,
    charging_periods,
    total_cost,
    ...rest
  } = cdr;
  const record: Record<string, unknown> = { ...rest };
  for (const name of CDR_FIELDS_NOT_IN_211) {
    if (record[name] !== undefined && name !== 'credit')
      noteLoss(log, name, 'dropped: 2.1.1 CDRs have no such field');
    delete record[name];
  }
  const stored = await findLocation({ country_code, party_id }, cdr_location.id);
  if (stored === undefined) {
    throw new UntranslatableError('2.1.1', 'cdr_location.id', 'the hub holds no such location to embed');
  }
  const periods = chargingPeriodsTo211(charging_periods, 'charging_periods', log);
  if (periods.length === 0) {
    throw new UntranslatableError('2.1.1', 'charging_periods', 'no period has a dimension 2.1.1 knows');
  }
  const translated = compact({
    ...record,
    stop_date_time: end_date_time,
    auth_id: cdr_token.contract_id,
    auth_method: authMethodTo211(auth_method, log),
    location: within('cdr_location', () => cdrLocationTo211(stored, cdr_location, log)),
    tariffs: tariffs?.flatMap((tariff, index) => {
      try {
        return [tariffTo211(tariff)];
      } catch (error) {
        if (!(error instanceof UntranslatableError)) throw error;
        noteLoss(log, `tariffs[${index}]`, `left out: ${error.message}`);
        return [];
      }
    }),
    charging_periods: periods,
    total_cost: costTo211(total_cost, 'total_cost', log),
  });
  return checked(CDR211Schema, translated, '2.1.1');
}

/** The CdrLocation of a 2.1.1 CDR's embedded Location (one EVSE, one connector). */
function cdrLocationTo221(location: Location211, log?: LossLog): CdrLocation {
  const used = usedEvseOf(location, 'location');
  if (used === undefined) {
    throw new UntranslatableError('2.2.1', 'location.evses', 'must hold the EVSE the charge happened at');
  }
  const { evse, connector } = used;
  if (evse.evse_id === undefined) noteLoss(log, 'location.evses[0].evse_id', 'absent in 2.1.1: sent as #NA');
  return compact({
    id: location.id,
    name: location.name,
    address: location.address,
    city: location.city,
    postal_code: location.postal_code === '' ? undefined : location.postal_code,
    country: location.country,
    coordinates: location.coordinates,
    evse_uid: evse.uid,
    evse_id: evse.evse_id ?? NOT_APPLICABLE,
    connector_id: connector.id,
    connector_standard: connector.standard,
    connector_format: connector.format,
    connector_power_type: connector.power_type,
  }) as CdrLocation;
}

/** A 2.1.1 CPO's CDR as the hub stores it, owned by the CPO's party; total_cost becomes a Price excl. VAT. */
export async function cdrTo221(
  cdr: CDR211,
  owner: Party,
  findCdrToken: CdrTokenLookup,
  log?: LossLog,
): Promise<CDR> {
  const { stop_date_time, auth_id, location, tariffs, charging_periods, total_cost, ...rest } = cdr;
  const periods = chargingPeriodsTo221(charging_periods, 'charging_periods', log);
  if (periods.length === 0) {
    throw new UntranslatableError(
      '2.2.1',
      'charging_periods',
      'only FLAT dimensions, which 2.2.1 does not have',
    );
  }
  const translated = compact({
    ...rest,
    country_code: owner.country_code,
    party_id: owner.party_id,
    end_date_time: stop_date_time,
    cdr_token: await cdrTokenFor(auth_id, findCdrToken),
    cdr_location: cdrLocationTo221(location, log),
    tariffs: tariffs?.map((tariff) => tariffTo221(tariff, owner)),
    charging_periods: periods,
    total_cost: costTo221(total_cost),
  });
  return checked(CDRSchema, utcDateTimes(translated), '2.2.1');
}
