import type { AdditionalGeoLocation, GeoLocation } from '../../schemas/geo-location';
import type { AdditionalGeoLocation211, GeoLocation211 } from '../schemas/geo-location';

/**
 * A decimal-degree string with exactly six decimals, as the 2.1.1 regex wants (2.2.1 allows 5 to 7).
 * Fewer decimals are padded (exact); a seventh is rounded half away from zero on the digits themselves,
 * never through a float, so the result is the nearest six-decimal value (at most 5 cm off).
 */
export function sixDecimals(degrees: string): string {
  const negative = degrees.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? degrees.slice(1) : degrees).split('.');
  if (fraction.length <= 6) return `${degrees.split('.')[0]}.${fraction.padEnd(6, '0')}`;
  const scaled = BigInt(`${whole}${fraction.slice(0, 7)}`);
  const rounded = (scaled + 5n) / 10n;
  const digits = rounded.toString().padStart(7, '0');
  const result = `${digits.slice(0, -6)}.${digits.slice(-6)}`;
  return negative && rounded !== 0n ? `-${result}` : result;
}

export function geoLocationTo211(point: GeoLocation): GeoLocation211 {
  return { ...point, latitude: sixDecimals(point.latitude), longitude: sixDecimals(point.longitude) };
}

export function additionalGeoLocationTo211(point: AdditionalGeoLocation): AdditionalGeoLocation211 {
  return { ...point, latitude: sixDecimals(point.latitude), longitude: sixDecimals(point.longitude) };
}
