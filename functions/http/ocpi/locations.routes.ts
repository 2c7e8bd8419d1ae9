import type { Context } from 'hono';
import { type LocationPath, locateInDocument } from '../../hub/objects/location-document';
import {
  assertLocationIdentity,
  findStoredLocations,
  getStoredLocationPart,
  pushLocation,
  segmentsOf,
} from '../../hub/objects/locations.service';
import { answerFromHub } from '../../hub/routing/answers';
import { InvalidParametersError, NotFoundError } from '../../ocpi/errors';
import { ROUTING_HEADER_NAMES } from '../../ocpi/routing-headers';
import { ConnectorPatchSchema, ConnectorSchema } from '../../ocpi/schemas/connector';
import { EVSEPatchSchema, EVSESchema } from '../../ocpi/schemas/evse';
import { LocationPatchSchema, LocationSchema } from '../../ocpi/schemas/location';
import type { HubEnv } from '../http-env';
import { param } from './ocpi-request';
import { storedObjectModule } from './stored-object-module';

/** Location documents are large; this many per page keeps a response well under Lambda's 6 MB. */
const LOCATIONS_MAX_LIMIT = 50;

/** `{location_id}[/{evse_uid}[/{connector_id}]]`, on the Receiver below the owner, on the Sender alone. */
const PART_PATHS = ['/:loc', '/:loc/:evse', '/:loc/:evse/:conn'];

/**
 * Locations module (locations §8, ocpi-notes §4.1), both interfaces of the hub. Receiver: a CPO's PUT/PATCH
 * of a Location, EVSE or Connector, stored in one Location document; no DELETE in OCPI. Sender: GET-all
 * and single GETs of a Location, EVSE or Connector.
 */
export const locationsModule = storedObjectModule<LocationPath>({
  module: 'locations',
  ownerRole: 'CPO',
  maxLimit: LOCATIONS_MAX_LIMIT,
  receiverPaths: PART_PATHS,
  receiverMethods: ['GET', 'PUT', 'PATCH'],
  target: pathOf,
  segments: segmentsOf,
  schema: schemaFor,
  assertIdentity: (method, owner, path, body) => assertLocationIdentity(owner, { method, path, body }),
  unknown: (path) => `unknown ${describe(path)}`,
  push: (ctx, push) =>
    pushLocation(ctx, {
      owner: push.owner,
      change: { method: push.method, path: push.target, body: push.body },
      bodyText: push.bodyText,
      correlationId: push.correlationId,
    }),
  read: (ctx, owner, path) => getStoredLocationPart(ctx, owner, path),
  senderItem: {
    paths: PART_PATHS,
    segments: (c) => segmentsOf(pathOf(c)),
    /**
     * Without TO the Location is looked up by id across CPOs (ids are unique per CPO only): an id two
     * CPOs use cannot be served without knowing which one is meant.
     */
    async serve(call, c, reader) {
      const path = pathOf(c);
      const found = await findStoredLocations(call.ctx, path.locationId);
      if (found.length > 1) {
        throw new InvalidParametersError(
          `location ${path.locationId} exists at several CPOs; name one with OCPI-to-country-code/OCPI-to-party-id`,
          ROUTING_HEADER_NAMES.toPartyId,
        );
      }
      const [location] = found;
      const part = location ? locateInDocument(location.object, path) : undefined;
      if (!part) throw new NotFoundError(`unknown ${describe(path)}`);
      return answerFromHub(call, reader, part);
    },
  },
});

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

function describe(path: LocationPath): string {
  if (path.connectorId !== undefined) return `connector ${path.connectorId}`;
  if (path.evseUid !== undefined) return `EVSE ${path.evseUid}`;
  return `location ${path.locationId}`;
}
