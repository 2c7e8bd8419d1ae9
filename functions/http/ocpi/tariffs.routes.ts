import {
  assertTariffIdentity,
  deleteTariff,
  getStoredTariff,
  putTariff,
} from '../../hub/objects/tariffs.service';
import type { Tariff } from '../../ocpi/schemas/tariff';
import { TariffSchema } from '../../ocpi/schemas/tariff';
import { param } from './ocpi-request';
import { storedObjectModule } from './stored-object-module';

const TARIFFS_MAX_LIMIT = 100;

/**
 * Tariffs module (tariffs §11, ocpi-notes §4.4). Receiver: PUT, DELETE and GET of one tariff; there is no
 * PATCH in 2.2.1, so PATCH (and POST) get HTTP 405 with the envelope. Sender: GET-all.
 */
export const tariffsModule = storedObjectModule<string>({
  module: 'tariffs',
  ownerRole: 'CPO',
  maxLimit: TARIFFS_MAX_LIMIT,
  receiverPaths: ['/:id'],
  receiverMethods: ['GET', 'PUT', 'DELETE'],
  target: (c) => param(c, 'id'),
  segments: (tariffId) => [tariffId],
  schema: () => TariffSchema,
  assertIdentity: (_method, owner, tariffId, body) => assertTariffIdentity(owner, tariffId, body),
  unknown: (tariffId) => `unknown tariff ${tariffId}`,
  push: (ctx, push) =>
    putTariff(ctx, {
      owner: push.owner,
      tariffId: push.target,
      body: push.body as Tariff,
      bodyText: push.bodyText,
      correlationId: push.correlationId,
    }),
  remove: (ctx, req) =>
    deleteTariff(ctx, { owner: req.owner, tariffId: req.target, correlationId: req.correlationId }),
  read: (ctx, owner, tariffId) => getStoredTariff(ctx, owner, tariffId),
});
