/**
 * 2.2.1 requires Location.time_zone, 2.1.1 does not. For a 2.1.1 location without one, the zone follows
 * from the country where the country has a single IANA zone (ISO-3166 alpha-3 keys, as Location.country),
 * and from the coordinates for Spain and Portugal, whose Atlantic islands differ from the mainland. Other
 * countries (USA, Canada, Russia...) are not guessed: such a location is refused, naming time_zone.
 */
const SINGLE_ZONE_COUNTRIES: Readonly<Record<string, string>> = {
  ALB: 'Europe/Tirane',
  AND: 'Europe/Andorra',
  AUT: 'Europe/Vienna',
  BEL: 'Europe/Brussels',
  BGR: 'Europe/Sofia',
  BIH: 'Europe/Sarajevo',
  CHE: 'Europe/Zurich',
  CZE: 'Europe/Prague',
  DEU: 'Europe/Berlin',
  DNK: 'Europe/Copenhagen',
  EST: 'Europe/Tallinn',
  FIN: 'Europe/Helsinki',
  FRA: 'Europe/Paris',
  GBR: 'Europe/London',
  GRC: 'Europe/Athens',
  HRV: 'Europe/Zagreb',
  HUN: 'Europe/Budapest',
  IRL: 'Europe/Dublin',
  ISL: 'Atlantic/Reykjavik',
  ITA: 'Europe/Rome',
  LIE: 'Europe/Vaduz',
  LTU: 'Europe/Vilnius',
  LUX: 'Europe/Luxembourg',
  LVA: 'Europe/Riga',
  MCO: 'Europe/Monaco',
  MKD: 'Europe/Skopje',
  MLT: 'Europe/Malta',
  MNE: 'Europe/Podgorica',
  NLD: 'Europe/Amsterdam',
  NOR: 'Europe/Oslo',
  POL: 'Europe/Warsaw',
  ROU: 'Europe/Bucharest',
  SMR: 'Europe/San_Marino',
  SRB: 'Europe/Belgrade',
  SVK: 'Europe/Bratislava',
  SVN: 'Europe/Ljubljana',
  SWE: 'Europe/Stockholm',
};

/** The Canary Islands lie south of 30°N; the mainland, Balearics, Ceuta and Melilla north of 35°N. */
function spanishZone(latitude: number): string {
  return latitude < 30 ? 'Atlantic/Canary' : 'Europe/Madrid';
}

/** The Azores lie west of 24°W, Madeira south of 34°N; the mainland is neither. */
function portugueseZone(latitude: number, longitude: number): string {
  if (longitude < -24) return 'Atlantic/Azores';
  if (latitude < 34) return 'Atlantic/Madeira';
  return 'Europe/Lisbon';
}

/** The IANA zone of a location without one, or undefined when the country does not determine it. */
export function inferTimeZone(country: string, latitude: string, longitude: string): string | undefined {
  const code = country.toUpperCase();
  if (code === 'ESP') return spanishZone(Number(latitude));
  if (code === 'PRT') return portugueseZone(Number(latitude), Number(longitude));
  return SINGLE_ZONE_COUNTRIES[code];
}
