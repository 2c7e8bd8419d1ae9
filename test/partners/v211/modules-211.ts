import type { Context, Hono } from 'hono';
import { ocpiReply } from '../envelope';
import type { SimulatedPlatform211 } from './platform-211';
import type { Platform211Env } from './types-211';

type App = Hono<Platform211Env>;
type Obj = Record<string, unknown>;

/**
 * Pushes to a Receiver interface: PUT stores, PATCH merges, both keyed by module and path (upper case).
 * A PATCH of an EVSE or connector of a stored location is kept under its own path.
 */
function receive(app: App, platform: SimulatedPlatform211, module: string): void {
  const handler = (c: Context<Platform211Env>) => {
    const rest = c.req.path.slice(`/ocpi/2.1.1/${module}/`.length);
    const key = `${module}/${rest.toUpperCase()}`;
    const body = (c.get('body') ?? {}) as Obj;
    const stored = platform.store.get(key);
    const parentStored = [...platform.store.keys()].some((k) => key.startsWith(`${k}/`));
    if (c.req.method === 'PATCH' && !stored && !parentStored)
      return ocpiReply(c, undefined, { http: 404, code: 2000, message: 'unknown object' });
    platform.store.set(key, c.req.method === 'PATCH' ? { ...stored, ...body } : body);
    return ocpiReply(c, undefined);
  };
  app.put(`/ocpi/2.1.1/${module}/*`, handler);
  app.patch(`/ocpi/2.1.1/${module}/*`, handler);
  app.get(`/ocpi/2.1.1/${module}/*`, (c) => {
    const stored = platform.store.get(
      `${module}/${c.req.path.slice(`/ocpi/2.1.1/${module}/`.length).toUpperCase()}`,
    );
    return stored
      ? ocpiReply(c, stored)
      : ocpiReply(c, undefined, { http: 404, code: 2000, message: 'unknown object' });
  });
}

/**
 * A Sender interface's GET list: the seeded objects, `platform.pageLimit` at most per page, with the
 * pagination headers and a `Link` to the next page on this platform (OCPI 2.1.1 transport §4.1.3).
 */
function serve(app: App, platform: SimulatedPlatform211, module: string): void {
  app.get(`/ocpi/2.1.1/${module}`, (c) => {
    const all = platform.seeded.get(module) ?? [];
    const offset = Number(c.req.query('offset') ?? 0);
    const limit = Math.min(Number(c.req.query('limit') ?? platform.pageLimit), platform.pageLimit);
    c.header('X-Total-Count', String(all.length));
    c.header('X-Limit', String(platform.pageLimit));
    if (offset + limit < all.length) {
      const next = new URL(c.req.url);
      next.searchParams.set('offset', String(offset + limit));
      next.searchParams.set('limit', String(limit));
      c.header('Link', `<${platform.moduleUrl(module)}${next.search}>; rel="next"`);
    }
    return ocpiReply(c, all.slice(offset, offset + limit));
  });
}

/**
 * A 2.1.1 CPO: Sender of locations, tariffs, sessions and CDRs, Receiver of tokens and commands. A
 * command is answered ACCEPTED at once, and its result (the same CommandResponse shape in 2.1.1) is
 * POSTed to the `response_url` shortly after.
 */
export function serveAsCpo(app: App, platform: SimulatedPlatform211): void {
  for (const module of ['locations', 'tariffs', 'sessions', 'cdrs']) serve(app, platform, module);
  receive(app, platform, 'tokens');
  app.post('/ocpi/2.1.1/commands/:command', (c) => {
    const body = (c.get('body') ?? {}) as Obj;
    const responseUrl = typeof body.response_url === 'string' ? body.response_url : undefined;
    platform.store.set(`commands/${c.req.param('command')}`, body);
    if (responseUrl) {
      setTimeout(() => {
        void platform
          .hubRequest('POST', responseUrl, { body: { result: 'ACCEPTED' } })
          .then((r) =>
            platform.store.set(`command-results/${c.req.param('command')}`, {
              status: r.status,
              body: r.body,
            }),
          )
          .catch(() => undefined);
      }, 30);
    }
    return ocpiReply(c, { result: 'ACCEPTED' });
  });
}

/**
 * A 2.1.1 eMSP: Receiver of locations, tariffs, sessions and CDRs, Sender of tokens (with real-time
 * authorization) and the target of command results at its own `commands/{COMMAND}/{id}` URLs.
 */
export function serveAsEmsp(app: App, platform: SimulatedPlatform211): void {
  for (const module of ['locations', 'tariffs', 'sessions']) receive(app, platform, module);
  app.post('/ocpi/2.1.1/cdrs', (c) => {
    const body = (c.get('body') ?? {}) as Obj;
    platform.store.set(`cdrs/${String(body.id).toUpperCase()}`, body);
    c.header('Location', `${platform.moduleUrl('cdrs')}/${String(body.id)}`);
    return ocpiReply(c, undefined);
  });
  serve(app, platform, 'tokens');
  app.post('/ocpi/2.1.1/tokens/:uid/authorize', (c) => {
    const uid = c.req.param('uid').toUpperCase();
    const known = (platform.seeded.get('tokens') ?? []).some((t) => String(t.uid).toUpperCase() === uid);
    if (!known) return ocpiReply(c, undefined, { http: 404, code: 2000, message: 'unknown token' });
    const allowed = platform.authorizations.get(uid) ?? 'ALLOWED';
    const references = c.get('body') as { location_id?: string; evse_uids?: string[] } | undefined;
    return ocpiReply(c, { allowed, ...(references?.location_id ? { location: references } : {}) });
  });
  app.post('/ocpi/2.1.1/commands/:command/:id', (c) => {
    platform.store.set(`command-results/${c.req.param('id').toUpperCase()}`, (c.get('body') ?? {}) as Obj);
    return ocpiReply(c, undefined);
  });
}
