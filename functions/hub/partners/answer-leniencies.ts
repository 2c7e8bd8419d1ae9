import type * as z from 'zod/mini';
import { AuthorizationInfoSchema } from '../../ocpi/schemas/authorization-info';
import { CDRSchema } from '../../ocpi/schemas/cdr';
import { ChargingProfileResponseSchema } from '../../ocpi/schemas/charging-profile-results';
import { CommandResponseSchema } from '../../ocpi/schemas/command-response';
import { ConnectorSchema } from '../../ocpi/schemas/connector';
import { EVSESchema } from '../../ocpi/schemas/evse';
import { knownFieldsOf } from '../../ocpi/schemas/known-fields';
import { LocationSchema } from '../../ocpi/schemas/location';
import { nullFreeText } from '../../ocpi/schemas/nulls';
import { SessionSchema } from '../../ocpi/schemas/session';
import { TariffSchema } from '../../ocpi/schemas/tariff';
import { TokenSchema } from '../../ocpi/schemas/token';
import type { TenantContext } from '../hub-runtime';
import { leniencyFor } from './leniency';

/**
 * The object types a forwarded answer of each module may hold (a page, one object of it, or the answer
 * to a POST relayed through the hub). Locations mix levels: a GET may ask for an EVSE or a connector.
 */
const ANSWER_TYPES: Record<string, () => z.core.$ZodType[]> = {
  locations: () => [LocationSchema, EVSESchema, ConnectorSchema],
  tariffs: () => [TariffSchema],
  tokens: () => [TokenSchema, AuthorizationInfoSchema],
  sessions: () => [SessionSchema],
  cdrs: () => [CDRSchema],
  commands: () => [CommandResponseSchema],
  chargingprofiles: () => [ChargingProfileResponseSchema],
};

const knownByModule = new Map<string, ReadonlySet<string>>();

function knownFieldsOfModule(module: string): ReadonlySet<string> | undefined {
  const cached = knownByModule.get(module);
  if (cached) return cached;
  const types = ANSWER_TYPES[module];
  if (!types) return undefined;
  const known = new Set(types().flatMap((schema) => [...knownFieldsOf(schema)]));
  knownByModule.set(module, known);
  return known;
}

/**
 * Whether an object of `data` (one object or a list) has a top-level field its OCPI type does not
 * define. Forwarded answers are relayed without a parse (the routed GET is the hub's hot path), so only
 * the top level is looked at: a look at the keys, no validation.
 */
function hasUnknownFields(module: string, data: unknown): boolean {
  const known = knownFieldsOfModule(module);
  if (!known) return false;
  const objects = Array.isArray(data) ? data : [data];
  for (const object of objects) {
    if (typeof object !== 'object' || object === null || Array.isArray(object)) continue;
    for (const key of Object.keys(object)) if (!known.has(key)) return true;
  }
  return false;
}

/**
 * The text of a receiver's answer as the requester gets it, counting the receiver's deviations
 * (tolerant reader, issue #11): its nulls mean absent (ocpi-notes §1.6) and are left out, its unknown
 * fields are kept and passed on.
 */
export function forwardedAnswerText(
  ctx: TenantContext,
  partnerId: string,
  module: string,
  answer: { json?: unknown; bodyText: string },
): string {
  // JSON without the literal `null` holds no null: the walk over the whole answer is skipped (issue #14).
  const text = answer.bodyText.includes('null')
    ? nullFreeText(answer.json, answer.bodyText)
    : answer.bodyText;
  if (text !== answer.bodyText) leniencyFor(ctx, partnerId).note('null_fields');
  const data = (answer.json as { data?: unknown } | undefined)?.data;
  if (data !== undefined && hasUnknownFields(module, data))
    leniencyFor(ctx, partnerId).note('unknown_fields');
  return text;
}
