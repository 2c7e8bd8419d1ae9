import type { Context } from 'hono';
import {
  assertTokenIdentity,
  DEFAULT_TOKEN_TYPE,
  getStoredToken,
  pushToken,
} from '../../hub/objects/tokens.service';
import { InvalidParametersError } from '../../ocpi/errors';
import { TOKEN_TYPES, TokenPatchSchema, TokenSchema, TokenTypeSchema } from '../../ocpi/schemas/token';
import type { HubEnv } from '../http-env';
import { param } from './ocpi-request';
import { storedObjectModule } from './stored-object-module';

const TOKENS_MAX_LIMIT = 500;

/** A token is keyed by (country_code, party_id, uid, type) (tokens §12.3.2). */
interface TokenTarget {
  uid: string;
  type: string;
}

/**
 * Tokens module (tokens §12, ocpi-notes §4.5). Receiver: an eMSP's PUT/PATCH/GET of one token keyed by
 * (country_code, party_id, uid, ?type= default RFID); no DELETE (invalidate with valid=false). Sender:
 * GET-all. Real-time authorization (`POST sender/tokens/{uid}/authorize`) is token-authorize.routes.ts.
 */
export const tokensModule = storedObjectModule<TokenTarget>({
  module: 'tokens',
  ownerRole: 'EMSP',
  maxLimit: TOKENS_MAX_LIMIT,
  receiverPaths: ['/:uid'],
  receiverMethods: ['GET', 'PUT', 'PATCH'],
  target: (c) => ({ uid: param(c, 'uid'), type: tokenTypeOf(c) }),
  segments: (token) => [token.uid],
  schema: (method) => (method === 'PUT' ? TokenSchema : TokenPatchSchema),
  assertIdentity: assertTokenIdentity,
  unknown: (token) => `unknown token ${token.uid} of type ${token.type}`,
  push: (ctx, push) =>
    pushToken(ctx, {
      method: push.method,
      owner: push.owner,
      uid: push.target.uid,
      type: push.target.type,
      body: push.body,
      bodyText: push.bodyText,
      correlationId: push.correlationId,
    }),
  read: (ctx, owner, token) => getStoredToken(ctx, owner, token.uid, token.type),
});

function tokenTypeOf(c: Context<HubEnv>): string {
  const raw = c.req.query('type');
  if (raw === undefined || raw === '') return DEFAULT_TOKEN_TYPE;
  const parsed = TokenTypeSchema.safeParse(raw);
  if (!parsed.success)
    throw new InvalidParametersError(`must be a TokenType such as ${TOKEN_TYPES.join(', ')}`, 'type');
  return parsed.data;
}
