import { parseOcpiDateTime } from '../datetime';

/**
 * OCPI 2.1.1 DateTime (types §1.2 / ocpi-notes §6): string(25) in the ISO 8601 combined format. Unlike
 * 2.2.1, an offset is allowed (the 2.1.1 text's own example is `2015-06-29T22:39:09+02:00`); no zone means
 * UTC. Offsets may come as `+02:00`, `+0200` or `+02`.
 */
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d{1,9})?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

export const MAX_DATE_TIME_LENGTH = 25;

type Parts = { local: string; fraction: string; offsetMinutes: number | undefined };

function split(value: string): Parts | undefined {
  const m = ISO_DATE_TIME.exec(value);
  if (!m) return undefined;
  const [, local = '', fraction = '', zone] = m;
  if (zone === undefined || zone === 'Z') return { local, fraction, offsetMinutes: undefined };
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return undefined;
  const sign = zone.startsWith('-') ? -1 : 1;
  return { local, fraction, offsetMinutes: sign * (hours * 60 + minutes) };
}

/** Epoch milliseconds of a 2.1.1 DateTime, or undefined when it is not one (impossible dates included). */
export function parseIsoDateTime(value: string): number | undefined {
  const parts = split(value);
  if (parts === undefined) return undefined;
  const ms = parseOcpiDateTime(`${parts.local}${parts.fraction}Z`);
  if (ms === undefined) return undefined;
  return ms - (parts.offsetMinutes ?? 0) * 60_000;
}

/**
 * The same instant as a 2.2.1 DateTime (UTC, no offset; types §16.2). A value that already is one (`Z` or
 * no zone) comes back unchanged, so a round trip never rewrites a timestamp; an offset is folded into the
 * UTC time, keeping the fraction digits as sent. Undefined when the value is no DateTime.
 */
export function toUtcDateTime(value: string): string | undefined {
  const parts = split(value);
  if (parts === undefined || parseIsoDateTime(value) === undefined) return undefined;
  if (parts.offsetMinutes === undefined) return value;
  const local = Date.parse(`${parts.local}Z`);
  const utc = new Date(local - parts.offsetMinutes * 60_000).toISOString().slice(0, 19);
  return `${utc}${parts.fraction}Z`;
}
