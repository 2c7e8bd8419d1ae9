/**
 * Rough bounding boxes (degrees, mainland plus nearby islands, ~0.5° margin) of European countries by
 * ISO-3166 alpha-3 code, as used in Location.country. Only good enough to spot swapped coordinates: a
 * point outside its country whose swap lands inside it. Overseas territories fall outside on purpose.
 */
export interface LatLonBox {
  readonly minLat: number;
  readonly maxLat: number;
  readonly minLon: number;
  readonly maxLon: number;
}

function box(minLat: number, maxLat: number, minLon: number, maxLon: number): LatLonBox {
  const margin = 0.5;
  return {
    minLat: minLat - margin,
    maxLat: maxLat + margin,
    minLon: minLon - margin,
    maxLon: maxLon + margin,
  };
}

export const EUROPEAN_COUNTRY_BOUNDS: Readonly<Record<string, LatLonBox>> = {
  AUT: box(46.37, 49.02, 9.53, 17.16),
  BEL: box(49.5, 51.5, 2.54, 6.41),
  BGR: box(41.23, 44.22, 22.36, 28.61),
  CHE: box(45.82, 47.81, 5.96, 10.49),
  CZE: box(48.55, 51.06, 12.09, 18.86),
  DEU: box(47.27, 55.06, 5.87, 15.04),
  DNK: box(54.56, 57.75, 8.07, 15.2),
  ESP: box(35.95, 43.79, -9.3, 4.33),
  EST: box(57.51, 59.68, 21.76, 28.21),
  FIN: box(59.81, 70.09, 20.55, 31.59),
  FRA: box(41.33, 51.09, -5.14, 9.56),
  GBR: box(49.87, 60.86, -8.65, 1.77),
  GRC: box(34.8, 41.75, 19.37, 29.65),
  HRV: box(42.39, 46.55, 13.49, 19.45),
  HUN: box(45.74, 48.59, 16.11, 22.9),
  IRL: box(51.42, 55.39, -10.48, -5.99),
  ISL: box(63.29, 66.57, -24.55, -13.49),
  ITA: box(35.49, 47.09, 6.63, 18.52),
  LIE: box(47.05, 47.27, 9.47, 9.64),
  LTU: box(53.9, 56.45, 20.93, 26.84),
  LUX: box(49.45, 50.18, 5.73, 6.53),
  LVA: box(55.67, 58.09, 20.97, 28.24),
  NLD: box(50.75, 53.56, 3.36, 7.23),
  NOR: box(57.96, 71.19, 4.49, 31.17),
  POL: box(49.0, 54.84, 14.12, 24.15),
  PRT: box(36.96, 42.15, -9.53, -6.19),
  ROU: box(43.62, 48.27, 20.26, 29.74),
  SVK: box(47.73, 49.61, 16.83, 22.57),
  SVN: box(45.42, 46.88, 13.38, 16.61),
  SWE: box(55.34, 69.06, 11.03, 24.17),
};

function contains(bounds: LatLonBox, latitude: number, longitude: number): boolean {
  return (
    latitude >= bounds.minLat &&
    latitude <= bounds.maxLat &&
    longitude >= bounds.minLon &&
    longitude <= bounds.maxLon
  );
}

/**
 * True when (latitude, longitude) lies outside the country but (longitude, latitude) lies inside it.
 * False for countries without a box: no opinion there.
 */
export function coordinatesLookSwapped(country: string, latitude: number, longitude: number): boolean {
  const bounds = EUROPEAN_COUNTRY_BOUNDS[country.toUpperCase()];
  if (bounds === undefined) return false;
  return !contains(bounds, latitude, longitude) && contains(bounds, longitude, latitude);
}
