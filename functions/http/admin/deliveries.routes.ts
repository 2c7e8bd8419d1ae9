import { Hono } from 'hono';
import * as z from 'zod/mini';
import {
  DeliveryNotFoundError,
  DeliveryNotReplayableError,
  deliveryView,
  FINAL_DELIVERY_STATUSES,
  listDeliveries,
  replayDelivery,
} from '../../hub/delivery/delivery-admin';
import type { HubEnv } from '../http-env';
import { AdminError } from './admin-errors';

const ListQuerySchema = z.object({
  partner: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  status: z.optional(z.enum(['pending', ...FINAL_DELIVERY_STATUSES] as [string, ...string[]])),
  limit: z._default(z.pipe(z.coerce.number(), z.int().check(z.minimum(1), z.maximum(100))), 50),
  before: z.optional(z.string().check(z.minLength(1), z.maxLength(300))),
});

/** Outbound deliveries (broadcast fan-out, ClientInfo pushes): inspect and replay. */
export function deliveriesRoutes(): Hono<HubEnv> {
  const app = new Hono<HubEnv>();

  app.get('/', async (c) => {
    const parsed = ListQuerySchema.safeParse(c.req.query());
    if (!parsed.success) throw AdminError.validation(parsed.error);
    const q = parsed.data;
    const result = await listDeliveries(c.get('tenant'), {
      partnerId: q.partner,
      status: q.status as Parameters<typeof listDeliveries>[1]['status'],
      limit: q.limit,
      before: q.before,
    });
    return c.json(result);
  });

  app.post('/:id/replay', async (c) => {
    try {
      const replay = await replayDelivery(c.get('tenant'), c.req.param('id'));
      return c.json(deliveryView(replay), 202);
    } catch (err) {
      if (err instanceof DeliveryNotFoundError) throw new AdminError(404, 'delivery_not_found', err.message);
      if (err instanceof DeliveryNotReplayableError) throw new AdminError(409, 'not_replayable', err.message);
      throw err;
    }
  });

  return app;
}
