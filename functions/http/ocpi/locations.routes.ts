import { type Context, Hono } from 'hono';
import { type LocationPath, locateInDocument } from '../../hub/objects/location-document';
import {
  findStoredLocations,
  getStoredLocationPart,
  pushLocation,
  segmentsOf,
} from '../../hub/objects/locations.service';
import { resolveFromParty } from '../../hub/routing/party-resolution';
import { InvalidParametersError, NotFoundError } from '../../ocpi/errors';
import { InterfaceRole } from '../../ocpi/modules';
import { ROUTING_HEADER_NAMES } from '../../ocpi/routing-headers';
import { ConnectorPatchSchema, ConnectorSchema } from '../../ocpi/schemas/connector';
import { EVSEPatchSchema, EVSESchema } from '../../ocpi/schemas/evse';
import { LocationPatchSchema, LocationSchema } from '../../ocpi/schemas/location';
import type { HubEnv } from '../http-env';
import { routingOf } from './forwarding';
import type { OcpiModule } from './ocpi-module';
import {
  CPO_DATA_READERS,
  forwardToReceiver,
  forwardToSender,
  hubAnswer,
  isForHub,
  methodNotAllowed,
  ownerOfReceiverUrl,
  param,
  pushAnswer,
  readPushBody,
  type SenderSpec,
  storedObjectList,
} from './stored-object-http';

/** Location documents are large; this many per page keeps a response well under Lambda's 6 MB. */
export const LOCATIONS_MAX_LIMIT = 50;

const R = '/receiver/locations';
const S = '/sender/locations';
const RECEIVER_PATHS = [`${R}/:cc/:pid/:loc`, `${R}/:cc/:pid/:loc/:evse`, `${R}/:cc/:pid/:loc/:evse/:conn`];
const SENDER_PATHS = [`${S}/:loc`, `${S}/:loc/:evse`, `${S}/:loc/:evse/:conn`];
const sender: SenderSpec = { module: 'locations', ownerRole: 'CPO', readers: [...CPO_DATA_READERS] };
const senderList = storedObjectList({
  ...sender,
  repository: (store) => store.locations,
  maxLimit: LOCATIONS_MAX_LIMIT,
});

/**
 * Locations module (locations §8, ocpi-notes §4.1), both interfaces of the hub. Receiver: a CPO's PUT/PATCH
 * of a Location, EVSE or Connector is stored and broadcast (TO = hub or absent) or forwarded (TO = a
 * party, not stored: ocpi-notes §3.4); no DELETE in OCPI. Sender: GET-all and single GETs from the store, or
 * forwarded to the CPO named in TO.
 */
export const locationsModule: OcpiModule = {
  endpoints: [
    { identifier: 'locations', role: InterfaceRole.SENDER },
    { identifier: 'locations', role: InterfaceRole.RECEIVER },
  ],
  routes() {
    const app = new Hono<HubEnv>();
    app.on(['PUT', 'PATCH'], RECEIVER_PATHS, receiverPush);
    app.on('GET', RECEIVER_PATHS, receiverGet);
    app.on(['POST', 'DELETE'], RECEIVER_PATHS, methodNotAllowed('locations', 'GET, PUT, PATCH'));
    app.get(S, senderList);
    app.on('GET', SENDER_PATHS, senderGet);
    return app;
  },
};

function pathOf(c: Context<HubEnv>): LocationPath {
  const evse = c.req.param('evse');
  const conn = c.req.param('conn');
  return {
    locationId: param(c, 'loc'),
    ...(evse !== undefined ? { evseUid: evse } : {}),
    ...(conn !== undefined ? { connectorId: conn } : {}),
  };
}

function schemaFor(method: 'PUT' | 'PATCH', path: LocationPath) {
  const put = method === 'PUT';
  if (path.evseUid === undefined) return put ? LocationSchema : LocationPatchSchema;
  if (path.connectorId === undefined) return put ? EVSESchema : EVSEPatchSchema;
  return put ? ConnectorSchema : ConnectorPatchSchema;
}

async function receiverPush(c: Context<HubEnv>) {
  const method = c.req.method as 'PUT' | 'PATCH';
  const path = pathOf(c);
  const { from, urlParty } = ownerOfReceiverUrl(c, 'CPO');
  const { body, bodyText } = await readPushBody(c, schemaFor(method, path));
  const pathSegments = [urlParty.country_code, urlParty.party_id, ...segmentsOf(path)];
  if (!isForHub(c)) return forwardToReceiver(c, 'locations', 'CPO', pathSegments);
  const outcome = await pushLocation(c.get('tenant'), {
    owner: urlParty,
    change: { method, path, body: body as Record<string, unknown> },
    bodyText,
    correlationId: c.get('ids').correlationId,
  });
  return pushAnswer(c, from, outcome);
}

/** The owner reads back what the hub holds (or, with TO = a party, what that party holds). */
async function receiverGet(c: Context<HubEnv>) {
  const path = pathOf(c);
  const { from, urlParty } = ownerOfReceiverUrl(c, 'CPO');
  if (!isForHub(c)) {
    return forwardToReceiver(c, 'locations', 'CPO', [
      urlParty.country_code,
      urlParty.party_id,
      ...segmentsOf(path),
    ]);
  }
  const part = await getStoredLocationPart(c.get('tenant'), urlParty, path);
  if (!part) throw new NotFoundError(`unknown ${describe(path)}`);
  return hubAnswer(c, from, part);
}

/**
 * Without TO the Location is looked up by id across CPOs (ids are unique per CPO only): an id two CPOs
 * use cannot be served without knowing which one is meant.
 */
async function senderGet(c: Context<HubEnv>) {
  const path = pathOf(c);
  if (!isForHub(c)) return forwardToSender(c, sender, segmentsOf(path));
  const from = resolveFromParty(c.get('caller'), routingOf(c).from, sender.readers);
  const found = await findStoredLocations(c.get('tenant'), path.locationId);
  if (found.length > 1) {
    throw new InvalidParametersError(
      `location ${path.locationId} exists at several CPOs; name one with OCPI-to-country-code/OCPI-to-party-id`,
      ROUTING_HEADER_NAMES.toPartyId,
    );
  }
  const [location] = found;
  const part = location ? locateInDocument(location.object, path) : undefined;
  if (!part) throw new NotFoundError(`unknown ${describe(path)}`);
  return hubAnswer(c, from, part);
}

function describe(path: LocationPath): string {
  if (path.connectorId !== undefined) return `connector ${path.connectorId}`;
  if (path.evseUid !== undefined) return `EVSE ${path.evseUid}`;
  return `location ${path.locationId}`;
}
