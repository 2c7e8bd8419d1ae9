import { Hono } from 'hono';
import { z } from 'zod';
import {
  DeliveryNotFoundError,
  DeliveryNotReplayableError,
  deliveryView,
  listDeliveries,
  replayDelivery,
} from '../../hub/delivery/delivery-admin';
import { FINAL_DELIVERY_STATUSES } from '../../store/delivery.repository';
import type { HubEnv } from '../http-env';
import { AdminError } from './admin-errors';

const ListQuerySchema = z.object({
  partner: z.string().min(1).max(100).optional(),
  status: z.enum(['pending', ...FINAL_DELIVERY_STATUSES] as [string, ...string[]]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: z.string().min(1).max(300).optional(),
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
