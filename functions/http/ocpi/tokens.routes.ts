import { type Context, Hono } from 'hono';
import { DEFAULT_TOKEN_TYPE, getStoredToken, pushToken } from '../../hub/objects/tokens.service';
import { InvalidParametersError, NotFoundError } from '../../ocpi/errors';
import { InterfaceRole } from '../../ocpi/modules';
import { TOKEN_TYPES, TokenPatchSchema, TokenSchema, TokenTypeSchema } from '../../ocpi/schemas/token';
import type { HubEnv } from '../http-env';
import type { OcpiModule } from './ocpi-module';
import {
  EMSP_DATA_READERS,
  forwardToReceiver,
  hubAnswer,
  isForHub,
  methodNotAllowed,
  ownerOfReceiverUrl,
  param,
  pushAnswer,
  readPushBody,
  storedObjectList,
} from './stored-object-http';

export const TOKENS_MAX_LIMIT = 500;

const RECEIVER_PATH = '/receiver/tokens/:cc/:pid/:uid';
const senderList = storedObjectList({
  module: 'tokens',
  ownerRole: 'EMSP',
  readers: [...EMSP_DATA_READERS],
  repository: (store) => store.tokens,
  maxLimit: TOKENS_MAX_LIMIT,
});

/**
 * Tokens module (tokens §12, ocpi-notes §4.5). Receiver: an eMSP's PUT/PATCH/GET of one token keyed by
 * (country_code, party_id, uid, ?type= default RFID); no DELETE (invalidate with valid=false). Stored
 * and broadcast to CPOs when addressed to the hub, forwarded when TO names a party. Sender: GET-all.
 * Real-time authorization (`POST sender/tokens/{uid}/authorize`) is token-authorize.routes.ts.
 */
export const tokensModule: OcpiModule = {
  endpoints: [
    { identifier: 'tokens', role: InterfaceRole.SENDER },
    { identifier: 'tokens', role: InterfaceRole.RECEIVER },
  ],
  routes() {
    const app = new Hono<HubEnv>();
    app.on(['PUT', 'PATCH'], RECEIVER_PATH, receiverPush);
    app.get(RECEIVER_PATH, receiverGet);
    app.on(['POST', 'DELETE'], RECEIVER_PATH, methodNotAllowed('tokens', 'GET, PUT, PATCH'));
    app.get('/sender/tokens', senderList);
    return app;
  },
};

function ownedTarget(c: Context<HubEnv>) {
  const { from, urlParty } = ownerOfReceiverUrl(c, 'EMSP');
  const uid = param(c, 'uid');
  return {
    from,
    urlParty,
    uid,
    type: tokenTypeOf(c),
    pathSegments: [urlParty.country_code, urlParty.party_id, uid],
  };
}

function tokenTypeOf(c: Context<HubEnv>): string {
  const raw = c.req.query('type');
  if (raw === undefined || raw === '') return DEFAULT_TOKEN_TYPE;
  const parsed = TokenTypeSchema.safeParse(raw);
  if (!parsed.success)
    throw new InvalidParametersError(`must be a TokenType such as ${TOKEN_TYPES.join(', ')}`, 'type');
  return parsed.data;
}

async function receiverPush(c: Context<HubEnv>) {
  const method = c.req.method as 'PUT' | 'PATCH';
  const { from, urlParty, uid, type, pathSegments } = ownedTarget(c);
  const { body, bodyText } = await readPushBody(c, method === 'PUT' ? TokenSchema : TokenPatchSchema);
  if (!isForHub(c)) return forwardToReceiver(c, 'tokens', 'EMSP', pathSegments);
  const outcome = await pushToken(c.get('tenant'), {
    method,
    owner: urlParty,
    uid,
    type,
    body: body as Record<string, unknown>,
    bodyText,
    correlationId: c.get('ids').correlationId,
  });
  return pushAnswer(c, from, outcome);
}

async function receiverGet(c: Context<HubEnv>) {
  const { from, urlParty, uid, type, pathSegments } = ownedTarget(c);
  if (!isForHub(c)) return forwardToReceiver(c, 'tokens', 'EMSP', pathSegments);
  const token = await getStoredToken(c.get('tenant'), urlParty, uid, type);
  if (!token) throw new NotFoundError(`unknown token ${uid} of type ${type}`);
  return hubAnswer(c, from, token);
}
