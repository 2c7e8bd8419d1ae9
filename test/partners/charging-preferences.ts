import type { Hono } from 'hono';
import { ocpiReply } from './envelope';
import type { PlatformState } from './platform-state';
import { logReceived } from './receivers';
import type { SimEnv } from './sim-env';
import { implements_ } from './versions';

/**
 * CPO: `PUT {sessions}/{session_id}/charging_preferences` (sessions §9.2.1.2), answered with the
 * configured ChargingPreferencesResponse (ACCEPTED unless `setChargingPreferencesAnswer` says otherwise;
 * any JSON, so a test can make it sloppy). A body without profile_type gets 2001.
 */
export function mountChargingPreferencesRoute(app: Hono<SimEnv>, state: PlatformState): void {
  app.put('/ocpi/2.2.1/sender/sessions/:id/charging_preferences', (c) => {
    if (!implements_(state, 'sessions', 'SENDER')) {
      return ocpiReply(c, undefined, { http: 404, code: 2000, message: 'no such endpoint' });
    }
    logReceived(c, state, 'sessions');
    const body = c.get('body') as Record<string, unknown> | undefined;
    if (!body || typeof body.profile_type !== 'string')
      return ocpiReply(c, undefined, { code: 2001, message: 'profile_type is required' });
    return ocpiReply(c, state.chargingPreferencesAnswer);
  });
}
