import { NotFoundError } from '../../ocpi/errors';
import type { PartyRef } from '../../ocpi/party';

import type { Token } from '../../ocpi/schemas/token';
import { tokenKey } from '../../store/token.repository';
import type { TenantContext } from '../hub-runtime';
import { assertMatchesUrl, assertOwnerFields } from '../routing/push-rules';
import { flatObjectChange } from './flat-object-change';
import { type PushOutcome, writeStoredObject } from './object-write';

/** `?type=` of the tokens Receiver URLs; RFID when absent (tokens §12.2.2). */
export const DEFAULT_TOKEN_TYPE = 'RFID';

export interface TokenPush {
  method: 'PUT' | 'PATCH';
  owner: PartyRef;
  uid: string;
  type: string;
  body: Record<string, unknown>;
  bodyText: string;
  correlationId: string;
}

/** A Token names its URL's uid, type and owner: required in a PUT, checked when present in a PATCH. */
export function assertTokenIdentity(
  method: 'PUT' | 'PATCH',
  owner: PartyRef,
  token: { uid: string; type: string },
  body: Record<string, unknown>,
): void {
  const required = method === 'PUT';
  assertMatchesUrl(body, 'uid', token.uid, required);
  assertMatchesUrl(body, 'type', token.type, required);
  assertOwnerFields(body, owner, required);
}

/** An eMSP's PUT or PATCH of a Token addressed to the hub, keyed by (country_code, party_id, uid, type). */
export async function pushToken(ctx: TenantContext, push: TokenPush): Promise<PushOutcome> {
  assertTokenIdentity(push.method, push.owner, push, push.body);
  const key = tokenKey(push.owner, push.uid, push.type);
  return writeStoredObject(ctx, ctx.store.tokens, {
    key,
    lookupId: push.uid,
    owner: push.owner,
    change: flatObjectChange<Token>(push.method, push.body, () => new NotFoundError('unknown token')),
    indexOps: (token, current) => ctx.store.tokens.contractIndexOps(key, token, current?.object),
    broadcast: {
      module: 'tokens',
      method: push.method,
      pathSegments: [push.owner.country_code, push.owner.party_id, push.uid],
      query: { type: push.type },
      bodyText: push.bodyText,
      owner: { ...push.owner, role: 'EMSP' },
      correlationId: push.correlationId,
    },
  });
}

export async function getStoredToken(ctx: TenantContext, owner: PartyRef, uid: string, type: string) {
  return (await ctx.store.tokens.get(tokenKey(owner, uid, type)))?.object;
}
