import {
  type Connector,
  type ConnectorPatch,
  ConnectorPatchSchema,
  ConnectorSchema,
} from '../../schemas/connector';
import { type EVSE, type EVSEPatch, EVSEPatchSchema, EVSESchema } from '../../schemas/evse';
import {
  type Location,
  type LocationPatch,
  LocationPatchSchema,
  LocationSchema,
  type ParkingType,
} from '../../schemas/location';
import {
  type Connector211,
  type Connector211Patch,
  Connector211PatchSchema,
  Connector211Schema,
} from '../schemas/connector';
import { type EVSE211, type EVSE211Patch, EVSE211PatchSchema, EVSE211Schema } from '../schemas/evse';
import {
  FACILITIES_211,
  type Facility211,
  type Location211,
  type Location211Patch,
  Location211PatchSchema,
  Location211Schema,
  type LocationType211,
} from '../schemas/location';
import { checked } from './checked';
import { connectorFieldsTo211, connectorFieldsTo221 } from './connector';
import { additionalGeoLocationTo211, geoLocationTo211 } from './coordinates';
import { utcDateTimes } from './datetimes';
import { energyMixTo211, energyMixTo221 } from './energy-mix';
import { evseFieldsTo211, evseFieldsTo221 } from './evse';
import { hoursTo211, hoursTo221 } from './hours';
import { compact, type Party } from './party';
import { inferTimeZone } from './time-zones';
import { type LossLog, noteLoss, UntranslatableError } from './untranslatable';

/** 2.1.1 caps Location.address at 45 characters; the 2.2.1 errata allow 255. */
const MAX_ADDRESS_211 = 45;

/**
 * ParkingType -> LocationType: the four shared values keep their name; ALONG_MOTORWAY, ON_DRIVEWAY and
 * values of later versions (ParkingType is open in 2.3.0) become OTHER.
 */
function locationTypeOf(parkingType: ParkingType, log?: LossLog): LocationType211 {
  const shared = ['ON_STREET', 'PARKING_GARAGE', 'UNDERGROUND_GARAGE', 'PARKING_LOT'] as const;
  const same = shared.find((type) => type === parkingType);
  if (same !== undefined) return same;
  noteLoss(log, 'parking_type', `${parkingType} sent as type OTHER`);
  return 'OTHER';
}

/** LocationType -> ParkingType: OTHER and UNKNOWN say nothing a ParkingType can hold, so it stays absent. */
function parkingTypeOf(type: LocationType211): ParkingType | undefined {
  return type === 'OTHER' || type === 'UNKNOWN' ? undefined : type;
}

function isFacility211(facility: string): facility is Facility211 {
  return (FACILITIES_211 as readonly string[]).includes(facility);
}

function addressTo211(address: string, log?: LossLog): string {
  if (address.length <= MAX_ADDRESS_211) return address;
  noteLoss(log, 'address', `cut to the ${MAX_ADDRESS_211} characters 2.1.1 allows`);
  return address.slice(0, MAX_ADDRESS_211);
}

/** The fields of a 2.2.1 Location or Location PATCH, renamed for 2.1.1; absent fields stay absent. */
function locationFieldsTo211(location: LocationPatch, log?: LossLog): Location211Patch {
  const {
    country_code: _countryCode,
    party_id: _partyId,
    publish: _publish,
    publish_allowed_to: _publishAllowedTo,
    state,
    parking_type,
    address,
    coordinates,
    related_locations,
    evses,
    facilities,
    opening_times,
    energy_mix,
    ...rest
  } = location;
  if (state !== undefined) noteLoss(log, 'state', 'dropped: 2.1.1 has no such field');
  const unknownFacilities = (facilities ?? []).filter((facility) => !isFacility211(facility));
  if (unknownFacilities.length > 0) {
    noteLoss(log, 'facilities', `dropped, unknown to 2.1.1: ${unknownFacilities.join(', ')}`);
  }
  return compact({
    ...rest,
    type: parking_type === undefined ? undefined : locationTypeOf(parking_type, log),
    address: address === undefined ? undefined : addressTo211(address, log),
    coordinates: coordinates && geoLocationTo211(coordinates),
    related_locations: related_locations?.map(additionalGeoLocationTo211),
    evses: evses?.map((evse, index) => evseFieldsTo211(evse, `evses[${index}]`, log)),
    facilities: facilities?.filter(isFacility211),
    opening_times: opening_times && hoursTo211(opening_times),
    energy_mix: energy_mix && energyMixTo211(energy_mix),
  }) as Location211Patch;
}

/**
 * A stored Location as 2.1.1 shows it, whether published or not: the body of a Session or CDR embeds
 * the location where the charge happened even when that location is not published (OCPI 2.1.1 sessions).
 * A location without parking type is of type UNKNOWN; a missing postal code is sent empty, as 2.1.1
 * requires one.
 */
export function locationBodyTo211(location: Location, log?: LossLog): Location211 {
  const fields = locationFieldsTo211(location, log);
  const type = fields.type ?? 'UNKNOWN';
  const postal_code = fields.postal_code ?? '';
  return checked(Location211Schema, { ...fields, type, postal_code }, '2.1.1');
}

/**
 * A Location pushed or listed to a 2.1.1 partner. An unpublished location is refused: 2.1.1 has no
 * `publish` / `publish_allowed_to`, and a 2.1.1 eMSP would show it to every driver.
 */
export function locationTo211(location: Location, log?: LossLog): Location211 {
  if (!location.publish) {
    throw new UntranslatableError(
      '2.1.1',
      'publish',
      'an unpublished location cannot be shared with a 2.1.1 partner',
    );
  }
  return locationBodyTo211(location, log);
}

export function locationPatchTo211(patch: LocationPatch, log?: LossLog): Location211Patch {
  if (patch.publish === false) {
    throw new UntranslatableError(
      '2.1.1',
      'publish',
      'an unpublished location cannot be shared with a 2.1.1 partner',
    );
  }
  return checked(Location211PatchSchema, locationFieldsTo211(patch, log), '2.1.1');
}

export function evseTo211(evse: EVSE, log?: LossLog): EVSE211 {
  return checked(EVSE211Schema, evseFieldsTo211(evse, '', log), '2.1.1');
}

export function evsePatchTo211(patch: EVSEPatch, log?: LossLog): EVSE211Patch {
  return checked(EVSE211PatchSchema, evseFieldsTo211(patch, '', log), '2.1.1');
}

export function connectorTo211(connector: Connector, log?: LossLog): Connector211 {
  return checked(Connector211Schema, connectorFieldsTo211(connector, '', log), '2.1.1');
}

export function connectorPatchTo211(patch: ConnectorPatch, log?: LossLog): Connector211Patch {
  return checked(Connector211PatchSchema, connectorFieldsTo211(patch, '', log), '2.1.1');
}

/** The fields of a 2.1.1 Location or PATCH, renamed for 2.2.1 (owner fields are added by the caller). */
function locationFieldsTo221(location: Location211Patch): LocationPatch {
  const { type, postal_code, evses, opening_times, energy_mix, ...rest } = location;
  return compact({
    ...rest,
    parking_type: type === undefined ? undefined : parkingTypeOf(type),
    postal_code: postal_code === '' ? undefined : postal_code,
    evses: evses?.map(evseFieldsTo221),
    opening_times: opening_times && hoursTo221(opening_times),
    energy_mix: energy_mix && energyMixTo221(energy_mix),
  }) as LocationPatch;
}

/**
 * A 2.1.1 partner's Location as the hub stores it: owned by the partner's party, published (2.1.1 has no
 * unpublished locations), and with a time zone, which 2.2.1 requires: when the partner sent none it
 * follows from the country (inferTimeZone) or the location is refused naming time_zone.
 */
export function locationTo221(location: Location211, owner: Party, log?: LossLog): Location {
  const fields = locationFieldsTo221(location);
  let time_zone = fields.time_zone;
  if (time_zone === undefined) {
    const { country, coordinates } = location;
    time_zone = inferTimeZone(country, coordinates.latitude, coordinates.longitude);
    if (time_zone === undefined) {
      throw new UntranslatableError(
        '2.2.1',
        'time_zone',
        `is required in 2.2.1 and country ${country} has several`,
      );
    }
    noteLoss(log, 'time_zone', `absent in 2.1.1: ${time_zone} taken from country ${country}`);
  }
  // The owner is the party of the link, whatever the body says (ocpi-notes §6).
  const located = {
    publish: true,
    ...fields,
    country_code: owner.country_code,
    party_id: owner.party_id,
    time_zone,
  };
  return checked(LocationSchema, utcDateTimes(located), '2.2.1');
}

/**
 * A 2.1.1 Location PATCH for the stored model. 2.2.1 requires `last_updated` in every PATCH and 2.1.1
 * does not: a PATCH without one gets the time the hub received it.
 */
export function locationPatchTo221(patch: Location211Patch, receivedAt: string): LocationPatch {
  const fields = { ...locationFieldsTo221(patch), last_updated: patch.last_updated ?? receivedAt };
  return checked(LocationPatchSchema, utcDateTimes(fields), '2.2.1');
}

export function evseTo221(evse: EVSE211): EVSE {
  return checked(EVSESchema, utcDateTimes(evseFieldsTo221(evse)), '2.2.1');
}

export function evsePatchTo221(patch: EVSE211Patch, receivedAt: string): EVSEPatch {
  const fields = { ...evseFieldsTo221(patch), last_updated: patch.last_updated ?? receivedAt };
  return checked(EVSEPatchSchema, utcDateTimes(fields), '2.2.1');
}

export function connectorTo221(connector: Connector211): Connector {
  return checked(ConnectorSchema, utcDateTimes(connectorFieldsTo221(connector)), '2.2.1');
}

export function connectorPatchTo221(patch: Connector211Patch, receivedAt: string): ConnectorPatch {
  const fields = { ...connectorFieldsTo221(patch), last_updated: patch.last_updated ?? receivedAt };
  return checked(ConnectorPatchSchema, utcDateTimes(fields), '2.2.1');
}
