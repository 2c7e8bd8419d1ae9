/**
 * OCPI 2.2.1 DateTime (types §16.1.2 / ocpi-notes §1.6): RFC 3339 in UTC. Allowed: `Z` or no zone at all
 * (no zone means UTC) and optional fractions. Offsets, even `+00:00`, are not allowed.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z?$/;

/** Parses an OCPI DateTime into epoch milliseconds, or undefined when it is not one. */
export function parseOcpiDateTime(value: string): number | undefined {
  const m = DATE_TIME.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const check = new Date(ms);
  // Date.UTC silently rolls 2021-02-30 over to March; a round trip catches impossible dates.
  if (
    check.getUTCFullYear() !== Number(y) ||
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d) ||
    check.getUTCHours() !== Number(h) ||
    check.getUTCMinutes() !== Number(mi) ||
    check.getUTCSeconds() !== Number(s)
  ) {
    return undefined;
  }
  const millis = frac ? Math.floor(Number(`0${frac}`) * 1000) : 0;
  return ms + millis;
}

/** Output form: always UTC with `Z`, second precision unless the instant carries milliseconds. */
export function formatOcpiDateTime(instant: Date | number): string {
  const iso = new Date(instant).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}
