import { type Context, Hono } from 'hono';
import { deleteTariff, getStoredTariff, putTariff } from '../../hub/objects/tariffs.service';
import { NotFoundError } from '../../ocpi/errors';
import { InterfaceRole } from '../../ocpi/modules';
import { TariffSchema } from '../../ocpi/schemas/tariff';
import type { HubEnv } from '../http-env';
import type { OcpiModule } from './ocpi-module';
import {
  CPO_DATA_READERS,
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

export const TARIFFS_MAX_LIMIT = 100;

const RECEIVER_PATH = '/receiver/tariffs/:cc/:pid/:id';
const senderList = storedObjectList({
  module: 'tariffs',
  ownerRole: 'CPO',
  readers: [...CPO_DATA_READERS],
  repository: (store) => store.tariffs,
  maxLimit: TARIFFS_MAX_LIMIT,
});

/**
 * Tariffs module (tariffs §11, ocpi-notes §4.4). Receiver: PUT, DELETE and GET of one tariff; there is no
 * PATCH in 2.2.1, so PATCH (and POST) get HTTP 405 with the envelope. Stored and broadcast when
 * addressed to the hub, forwarded when TO names a party. Sender: GET-all from the store or forwarded.
 */
export const tariffsModule: OcpiModule = {
  endpoints: [
    { identifier: 'tariffs', role: InterfaceRole.SENDER },
    { identifier: 'tariffs', role: InterfaceRole.RECEIVER },
  ],
  routes() {
    const app = new Hono<HubEnv>();
    app.put(RECEIVER_PATH, receiverPut);
    app.delete(RECEIVER_PATH, receiverDelete);
    app.get(RECEIVER_PATH, receiverGet);
    app.on(['PATCH', 'POST'], RECEIVER_PATH, methodNotAllowed('tariffs', 'GET, PUT, DELETE'));
    app.get('/sender/tariffs', senderList);
    return app;
  },
};

function ownedTarget(c: Context<HubEnv>) {
  const { from, urlParty } = ownerOfReceiverUrl(c, 'CPO');
  const tariffId = param(c, 'id');
  return { from, urlParty, tariffId, pathSegments: [urlParty.country_code, urlParty.party_id, tariffId] };
}

async function receiverPut(c: Context<HubEnv>) {
  const { from, urlParty, tariffId, pathSegments } = ownedTarget(c);
  const { body, bodyText } = await readPushBody(c, TariffSchema);
  if (!isForHub(c)) return forwardToReceiver(c, 'tariffs', 'CPO', pathSegments);
  const outcome = await putTariff(c.get('tenant'), {
    owner: urlParty,
    tariffId,
    body,
    bodyText,
    correlationId: c.get('ids').correlationId,
  });
  return pushAnswer(c, from, outcome);
}

/** A tariff the hub never held is 404: there is nothing to delete or to broadcast the deletion of. */
async function receiverDelete(c: Context<HubEnv>) {
  const { from, urlParty, tariffId, pathSegments } = ownedTarget(c);
  if (!isForHub(c)) return forwardToReceiver(c, 'tariffs', 'CPO', pathSegments);
  const deleted = await deleteTariff(c.get('tenant'), {
    owner: urlParty,
    tariffId,
    correlationId: c.get('ids').correlationId,
  });
  if (!deleted) throw new NotFoundError(`unknown tariff ${tariffId}`);
  return hubAnswer(c, from);
}

async function receiverGet(c: Context<HubEnv>) {
  const { from, urlParty, tariffId, pathSegments } = ownedTarget(c);
  if (!isForHub(c)) return forwardToReceiver(c, 'tariffs', 'CPO', pathSegments);
  const tariff = await getStoredTariff(c.get('tenant'), urlParty, tariffId);
  if (!tariff) throw new NotFoundError(`unknown tariff ${tariffId}`);
  return hubAnswer(c, from, tariff);
}
