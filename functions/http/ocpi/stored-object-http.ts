import type { Context } from 'hono';
import type { z } from 'zod';
import type { PushOutcome } from '../../hub/objects/object-write';
import { isHub } from '../../hub/routing/party-resolution';
import { successEnvelope } from '../../ocpi/envelope';
import { MethodNotAllowedError } from '../../ocpi/errors';
import { type PartyRef, routingHeaders } from '../../ocpi/routing-headers';
import type { HubEnv } from '../http-env';
import { readValidBody } from '../ocpi-body';
import { isLinkContinuation, routingOf } from './relay';

/** Roles that receive CPO-owned data: eMSP, NSP and OTHER (digest §3.2 "opposite roles"). */
export const CPO_DATA_READERS = ['EMSP', 'NSP', 'OTHER'] as const;
/** eMSP-owned data (tokens) goes to CPOs (digest §3.2). */
export const EMSP_DATA_READERS = ['CPO'] as const;

/**
 * TO = hub, or no TO at all, is served by the hub itself: stored and broadcast for pushes (digest
 * §3.2, §3.3), from the store for GETs (§3.4). Any other TO is direct routing (§3.1), and a GET that
 * follows a forwarded page link is always relayed.
 */
export function isForHub(c: Context<HubEnv>): boolean {
  if (isLinkContinuation(c)) return false;
  const { to } = routingOf(c);
  return to === undefined || isHub(c.get('tenant'), to);
}

/** Parses the body with `schema` (413 / 400 / 2001 naming the field) and keeps the exact text too. */
export async function readPushBody<S extends z.ZodType>(
  c: Context<HubEnv>,
  schema: S,
): Promise<{ body: z.infer<S>; bodyText: string }> {
  const body = await readValidBody(c, schema);
  // Hono caches the body text, so this is the text readValidBody parsed, byte for byte.
  return { body, bodyText: await c.req.text() };
}

/** An answer of the hub itself: FROM = hub, TO = the requester (digest §3.2, §3.4). */
export function hubAnswer(
  c: Context<HubEnv>,
  to: PartyRef,
  data?: unknown,
  opts: { status?: 200 | 201; message?: string; headers?: Record<string, string> } = {},
): Response {
  const tenant = c.get('tenant');
  const headers = { ...routingHeaders(tenant.tenant.hub, to), ...opts.headers };
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return c.json(successEnvelope(data, opts.message, tenant.runtime.now()), opts.status ?? 200);
}

/**
 * 201 for a newly created object, 200 for an update (transport_and_format §4.1.1, digest §1.4). A push
 * older than the stored object is answered 1000 too, since the spec is silent and the sender did nothing
 * wrong (messages may arrive out of order), but it is neither stored nor broadcast and says so.
 */
export function pushAnswer(c: Context<HubEnv>, to: PartyRef, outcome: PushOutcome): Response {
  if (outcome === 'created') return hubAnswer(c, to, undefined, { status: 201 });
  if (outcome === 'stale') {
    return hubAnswer(c, to, undefined, {
      message: 'not stored: last_updated is older than the stored object',
    });
  }
  return hubAnswer(c, to);
}

/** The public URL of this request (base of next-page links), whatever host the server saw. */
export function publicRequestUrl(c: Context<HubEnv>): string {
  const tenant = c.get('tenant');
  const url = new URL(c.req.url);
  const prefix = `/${tenant.tenant.id}/ocpi`;
  const rest = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
  return `${tenant.ocpiBaseUrl}${rest}${url.search}`;
}

export function methodNotAllowed(module: string, allowed: string) {
  return (c: Context<HubEnv>): never => {
    throw new MethodNotAllowedError(`${c.req.method} is not allowed on ${module}; allowed: ${allowed}`);
  };
}

/** Path parameter, decoded by the router. */
export const param = (c: Context<HubEnv>, name: string): string => c.req.param(name) ?? '';
