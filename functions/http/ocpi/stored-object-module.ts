import { type Context, Hono } from 'hono';
import type * as z from 'zod/mini';
import { OPPOSITE_ROLES, type PartnerRole, type PartyRoleName } from '../../domain/partner';
import type { TenantContext } from '../../hub/hub-runtime';
import { listStoredObjects } from '../../hub/objects/object-pages';
import type { PushOutcome } from '../../hub/objects/object-write';
import { answerFromHub, pushAnswer, type StoredAnswer } from '../../hub/routing/answers';
import type { OcpiCall } from '../../hub/routing/ocpi-call';
import { resolveFromParty } from '../../hub/routing/party-resolution';
import { assertOwnedByCaller } from '../../hub/routing/push-rules';
import { NotFoundError } from '../../ocpi/errors';
import { InterfaceRole } from '../../ocpi/modules';
import type { PartyRef } from '../../ocpi/party';
import { IdSchema } from '../../ocpi/schemas';
import type { HubEnv } from '../http-env';
import { forwardFromRequest } from './forwarding';
import { readValidBody } from './ocpi-body';
import type { OcpiModule } from './ocpi-module';
import { methodNotAllowed, ocpiCall, param, publicRequestUrl, readParam, sendAnswer } from './ocpi-request';

type ReceiverMethod = 'GET' | 'PUT' | 'PATCH' | 'DELETE';
/** The modules whose objects the hub stores for GET-all (ocpi-notes §3.4). */
type StoredModule = 'locations' | 'tariffs' | 'tokens';
type PushMethod = 'PUT' | 'PATCH';

/** The owner's party in receiver URLs (checked against the caller) and the field names of the ids. */
const OWNER_PARAMS = new Set(['cc', 'pid']);
const URL_ID_FIELDS: Record<string, string> = {
  loc: 'location_id',
  evse: 'evse_uid',
  conn: 'connector_id',
  id: 'tariff_id',
  uid: 'token_uid',
};

/** A push of an owner's object as the module's service takes it. */
export interface ObjectPush<Target> {
  method: PushMethod;
  owner: PartyRef;
  target: Target;
  body: Record<string, unknown>;
  /** The body exactly as received: broadcast unchanged (ocpi-notes §3.6). */
  bodyText: string;
  correlationId: string;
}

/**
 * One module whose objects the hub stores (locations, tariffs, tokens; ocpi-notes §3.2-§3.4), as a
 * configuration of `storedObjectModule`. `Target` is what a Receiver URL names below the owner's
 * `{country_code}/{party_id}` (a tariff id; a location, EVSE or connector; a token uid and type).
 */
export interface StoredObjectModuleSpec<Target> {
  module: StoredModule;
  /** The role that owns and pushes the objects; the opposite roles read them (ocpi-notes §3.2). */
  ownerRole: PartyRoleName;
  /** The hub's page size maximum of GET-all (X-Limit). */
  maxLimit: number;
  /** Receiver URL patterns below `/receiver/<module>/:cc/:pid`, e.g. `['/:id']`. */
  receiverPaths: string[];
  /** The methods the Receiver interface defines, as the 405 answer lists them; the others get 405. */
  receiverMethods: ReceiverMethod[];
  /** The object a Receiver URL names (its path and query parameters; 2001 when malformed). */
  target(c: Context<HubEnv>): Target;
  /** The target's path segments after `{country_code}/{party_id}`, to forward to another party. */
  segments(target: Target): string[];
  /** The body schema of a PUT or PATCH of this target. */
  schema(method: PushMethod, target: Target): z.ZodMiniType;
  /**
   * Throws 2001 naming the field when the body's owner fields (country_code, party_id) or its id
   * differ from the URL's: owner fields are immutable (issue #10), for a push the hub stores and for
   * one it forwards to another party alike.
   */
  assertIdentity(method: PushMethod, owner: PartyRef, target: Target, body: Record<string, unknown>): void;
  /** The 404 message when the hub holds no such object. */
  unknown(target: Target): string;
  push?(ctx: TenantContext, push: ObjectPush<Target>): Promise<PushOutcome>;
  /** Deletes the stored object and broadcasts the deletion; false when the hub held none. */
  remove?(
    ctx: TenantContext,
    req: { owner: PartyRef; target: Target; correlationId: string },
  ): Promise<boolean>;
  read(ctx: TenantContext, owner: PartyRef, target: Target): Promise<unknown>;
  /** Single-object GETs of the Sender interface (`/sender/<module>/...`), when the module has them. */
  senderItem?: {
    paths: string[];
    segments(c: Context<HubEnv>): string[];
    serve(call: OcpiCall, c: Context<HubEnv>, reader: PartnerRole): Promise<StoredAnswer>;
  };
}

/**
 * The routes of a stored-object module, alike for every such module. Each request is first routed by
 * its destination (ocpi-notes §3.1-§3.4): TO names a party -> forwarded there unchanged (never stored);
 * TO is the hub or absent -> served by the hub: pushes stored and broadcast, GETs from the store.
 * Receiver: the owner's PUT/PATCH/DELETE/GET of its own object (the URL's party must be one of the
 * caller's `ownerRole` roles). Sender: GET-all (and single GETs) for the opposite roles.
 */
export function storedObjectModule<Target>(spec: StoredObjectModuleSpec<Target>): OcpiModule {
  const readers = OPPOSITE_ROLES[spec.ownerRole] ?? [];
  const receiver = { module: spec.module, targetInterface: 'RECEIVER', fromRoles: [spec.ownerRole] } as const;
  const sender = {
    module: spec.module,
    targetInterface: 'SENDER',
    targetRoles: [spec.ownerRole],
    fromRoles: readers,
  } as const;

  /** The owner's party in the URL, checked against the caller, and the object the URL names. */
  function ownedTarget(c: Context<HubEnv>) {
    const call = ocpiCall(c);
    const owner = { country_code: param(c, 'cc'), party_id: param(c, 'pid') };
    const from = resolveFromParty(call.caller, call.routing.from, [spec.ownerRole]);
    assertOwnedByCaller(call.caller, owner, spec.ownerRole);
    // Every id of the URL is a CiString(36): a longer one is 2001 here, before it reaches a store key.
    for (const [name, value] of Object.entries(c.req.param()))
      if (!OWNER_PARAMS.has(name)) readParam(URL_ID_FIELDS[name] ?? name, value, IdSchema);
    const target = spec.target(c);
    return {
      call,
      from,
      owner,
      target,
      segments: [owner.country_code, owner.party_id, ...spec.segments(target)],
    };
  }

  async function receiverPush(c: Context<HubEnv>): Promise<Response> {
    const method = c.req.method as PushMethod;
    const { call, from, owner, target, segments } = ownedTarget(c);
    const { value, text } = await readValidBody(c, spec.schema(method, target));
    // Before the destination decision: a forwarded PATCH is checked against the URL like a stored one.
    spec.assertIdentity(method, owner, target, value as Record<string, unknown>);
    if (call.destination.kind === 'party')
      return forwardFromRequest(c, { ...receiver, pathSegments: segments });
    const outcome = await (spec.push as NonNullable<typeof spec.push>)(call.ctx, {
      method,
      owner,
      target,
      body: value as Record<string, unknown>,
      bodyText: text,
      correlationId: call.correlationId,
    });
    return sendAnswer(c, pushAnswer(call, from, outcome));
  }

  async function receiverDelete(c: Context<HubEnv>): Promise<Response> {
    const { call, from, owner, target, segments } = ownedTarget(c);
    if (call.destination.kind === 'party')
      return forwardFromRequest(c, { ...receiver, pathSegments: segments });
    // An object the hub never held is 404: there is nothing to delete or to broadcast the deletion of.
    const remove = spec.remove as NonNullable<typeof spec.remove>;
    if (!(await remove(call.ctx, { owner, target, correlationId: call.correlationId })))
      throw new NotFoundError(spec.unknown(target));
    return sendAnswer(c, answerFromHub(call, from));
  }

  /** The owner reads back what the hub holds (or, with TO = a party, what that party holds). */
  async function receiverGet(c: Context<HubEnv>): Promise<Response> {
    const { call, from, owner, target, segments } = ownedTarget(c);
    if (call.destination.kind === 'party')
      return forwardFromRequest(c, { ...receiver, pathSegments: segments });
    const object = await spec.read(call.ctx, owner, target);
    if (object === undefined) throw new NotFoundError(spec.unknown(target));
    return sendAnswer(c, answerFromHub(call, from, object));
  }

  /** GET-all: the stored objects of every owner, paginated (ocpi-notes §3.4), or forwarded to TO. */
  async function senderList(c: Context<HubEnv>): Promise<Response> {
    const call = ocpiCall(c);
    if (call.destination.kind === 'party') return forwardFromRequest(c, { ...sender, pathSegments: [] });
    const from = resolveFromParty(call.caller, call.routing.from, readers);
    const { objects, headers } = await listStoredObjects(call.ctx, call.ctx.store.objects(spec.module), {
      query: c.req.query(),
      requestUrl: publicRequestUrl(c),
      maxLimit: spec.maxLimit,
      callerId: call.caller.partner.id,
    });
    return sendAnswer(c, answerFromHub(call, from, objects, { headers }));
  }

  async function senderGet(c: Context<HubEnv>): Promise<Response> {
    const item = spec.senderItem as NonNullable<typeof spec.senderItem>;
    const call = ocpiCall(c);
    if (call.destination.kind === 'party')
      return forwardFromRequest(c, { ...sender, pathSegments: item.segments(c) });
    const from = resolveFromParty(call.caller, call.routing.from, readers);
    return sendAnswer(c, await item.serve(call, c, from));
  }

  const receiverPaths = spec.receiverPaths.map((p) => `/receiver/${spec.module}/:cc/:pid${p}`);
  const defined = spec.receiverMethods;
  const allowed = ['GET', 'PUT', 'PATCH', 'DELETE'].filter((m) => defined.includes(m as ReceiverMethod));
  const refused = ['GET', 'PUT', 'PATCH', 'POST', 'DELETE'].filter((m) => !allowed.includes(m));
  return {
    endpoints: [
      { identifier: spec.module, role: InterfaceRole.SENDER },
      { identifier: spec.module, role: InterfaceRole.RECEIVER },
    ],
    routes() {
      const app = new Hono<HubEnv>();
      const pushes = allowed.filter((m): m is PushMethod => m === 'PUT' || m === 'PATCH');
      if (pushes.length) app.on(pushes, receiverPaths, receiverPush);
      if (allowed.includes('DELETE')) app.on('DELETE', receiverPaths, receiverDelete);
      app.on('GET', receiverPaths, receiverGet);
      app.on(refused, receiverPaths, methodNotAllowed(spec.module, allowed.join(', ')));
      app.get(`/sender/${spec.module}`, senderList);
      if (spec.senderItem)
        app.on(
          'GET',
          spec.senderItem.paths.map((p) => `/sender/${spec.module}${p}`),
          senderGet,
        );
      return app;
    },
  };
}
