import { coordinatesLookSwapped } from './country-bounds';

/**
 * Plausibility checks: data that conforms to the schema but is very likely wrong, such as the spec's
 * own examples (ocpi-notes §9 items 3, 4 and 7). They yield warnings to log or show, never a rejection:
 * the hub forwards partner data as is.
 */
export type PlausibilityKind = 'location' | 'session' | 'cdr';

type Fields = Record<string, unknown>;

function asFields(value: unknown): Fields | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : undefined;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function swappedCoordinatesWarning(where: string, coordinates: unknown, country: unknown): string[] {
  const point = asFields(coordinates);
  if (point === undefined || typeof country !== 'string') return [];
  const { latitude, longitude } = point;
  if (typeof latitude !== 'string' || typeof longitude !== 'string') return [];
  if (!coordinatesLookSwapped(country, Number(latitude), Number(longitude))) return [];
  return [`${where}: latitude ${latitude} and longitude ${longitude} look swapped for country ${country}`];
}

/**
 * ENERGY dimensions are in kWh (cdrs §10.4.7). Volumes summing to far more than the object's own total
 * (or to more than 1000 kWh when there is no total, as in a PATCH) are Wh sent as kWh.
 */
function energyUnitWarning(chargingPeriods: unknown, totalField: string, total: unknown): string[] {
  let sum = 0;
  let seen = false;
  for (const period of asList(chargingPeriods)) {
    for (const dimension of asList(asFields(period)?.dimensions)) {
      const fields = asFields(dimension);
      if (fields?.type === 'ENERGY' && typeof fields.volume === 'number') {
        sum += fields.volume;
        seen = true;
      }
    }
  }
  if (!seen) return [];
  const knownTotal = typeof total === 'number' ? total : undefined;
  const threshold = knownTotal === undefined ? 1000 : Math.max(knownTotal * 10, 100);
  if (sum <= threshold) return [];
  const against = knownTotal === undefined ? '' : ` but ${totalField} is ${knownTotal}`;
  return [`charging_periods: ENERGY volumes sum to ${sum}${against}; they look like Wh instead of kWh`];
}

/** The original 2.2.1 text lacked CdrToken.country_code/party_id (ocpi-notes §9 item 7): accepted, but noted. */
function cdrTokenOwnerWarning(cdrToken: unknown): string[] {
  const token = asFields(cdrToken);
  if (token === undefined || (token.country_code !== undefined && token.party_id !== undefined)) return [];
  return ['cdr_token: country_code/party_id of the token owner are missing (pre-2.2.1-d2 partner)'];
}

/** Warnings for a Location, Session or CDR (full object or PATCH body); empty when nothing looks off. */
export function plausibilityWarnings(kind: PlausibilityKind, object: unknown): string[] {
  const fields = asFields(object);
  if (fields === undefined) return [];
  switch (kind) {
    case 'location':
      return [
        ...swappedCoordinatesWarning('coordinates', fields.coordinates, fields.country),
        ...asList(fields.evses).flatMap((evse, index) =>
          swappedCoordinatesWarning(
            `evses[${index}].coordinates`,
            asFields(evse)?.coordinates,
            fields.country,
          ),
        ),
      ];
    case 'session':
      return [
        ...energyUnitWarning(fields.charging_periods, 'kwh', fields.kwh),
        ...cdrTokenOwnerWarning(fields.cdr_token),
      ];
    case 'cdr': {
      const location = asFields(fields.cdr_location);
      return [
        ...swappedCoordinatesWarning('cdr_location.coordinates', location?.coordinates, location?.country),
        ...energyUnitWarning(fields.charging_periods, 'total_energy', fields.total_energy),
        ...cdrTokenOwnerWarning(fields.cdr_token),
      ];
    }
  }
}
