import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { HubRuntime } from '../../../hub/hub-runtime';
import { answerTo211 } from '../../../hub/v211/answers-211';
import { type Request211, requestTo221 } from '../../../hub/v211/inbound-211';
import { party211Of, speaks211 } from '../../../hub/v211/link-211';
import { ClientError, NotFoundError } from '../../../ocpi/errors';
import { InterfaceRole, VersionNumbers } from '../../../ocpi/modules';
import { ROUTING_HEADER_NAMES } from '../../../ocpi/routing-headers';
import { statusCodeTo211 } from '../../../ocpi/v211/translate';
import type { HubEnv, HubVariables } from '../../http-env';
import { ocpiErrorHandler, ocpiNotFound } from '../../middleware/ocpi-errors';
import { readOptionalJsonText } from '../ocpi-body';
import type { OcpiModule } from '../ocpi-module';

const MODULES = ['locations', 'tariffs', 'tokens', 'sessions', 'cdrs', 'commands'] as const;

/** The variables of the outer request, handed to the 2.2.1 modules that serve the translated one. */
const carried = new WeakMap<Request, Partial<HubVariables>>();

/**
 * The functional modules of OCPI 2.1.1 (ocpi-notes §6), served at the edge by the hub's 2.2.1 modules:
 * a 2.1.1 partner's request is translated to 2.2.1 (owner fields from its one party, which is also its
 * OCPI-from: 2.1.1 has no routing headers), served by the 2.2.1 routes exactly as a 2.2.1 partner's
 * request without OCPI-to (so the hub stores, broadcasts or routes by content), and the answer is
 * translated back. docs/ocpi-2.1.1-translation.md lists every mapping.
 */
export function edgeModule211(modules221: readonly OcpiModule[]): OcpiModule {
  return {
    endpoints: MODULES.flatMap((identifier) => [
      { identifier, role: InterfaceRole.SENDER },
      { identifier, role: InterfaceRole.RECEIVER },
    ]),
    routes(runtime) {
      const inner = innerApp(runtime, modules221);
      const app = new Hono<HubEnv>();
      const handler = (c: Context<HubEnv>) => serve211(c, inner);
      app.all('/:side{sender|receiver}/:module', handler);
      app.all('/:side{sender|receiver}/:module/*', handler);
      return app;
    },
  };
}

function innerApp(runtime: HubRuntime, modules221: readonly OcpiModule[]): Hono<HubEnv> {
  const inner = new Hono<HubEnv>();
  inner.onError(ocpiErrorHandler());
  inner.notFound(ocpiNotFound());
  inner.use('*', async (c, next) => {
    for (const [name, value] of Object.entries(carried.get(c.req.raw) ?? {}))
      c.set(name as keyof HubVariables, value as never);
    await next();
  });
  for (const module of modules221)
    inner.route(`/:tenant/ocpi/${VersionNumbers.V2_2_1}`, module.routes(runtime));
  return inner;
}

async function serve211(c: Context<HubEnv>, inner: Hono<HubEnv>): Promise<Response> {
  const caller = c.get('caller');
  if (!speaks211(caller.partner)) {
    throw new ClientError(
      `this partner is connected on OCPI ${caller.partner.version ?? 'none'}: use the endpoints of that version`,
    );
  }
  const party = party211Of(caller.partner);
  const module = c.req.param('module') ?? '';
  if (!(MODULES as readonly string[]).includes(module))
    throw new NotFoundError(`no OCPI 2.1.1 module ${module}`);
  const tenant = c.get('tenant');
  const prefix = `/${tenant.tenant.id}/ocpi/${VersionNumbers.V2_1_1}/${c.req.param('side')}/${module}`;
  const rest = new URL(c.req.url).pathname.slice(prefix.length);
  const bodyText = await readOptionalJsonText(c);
  const req211: Request211 = {
    side: c.req.param('side') as Request211['side'],
    module,
    method: c.req.method,
    segments: rest
      .split('/')
      .filter((s) => s !== '')
      .map(decodeURIComponent),
    query: c.req.query(),
    ...(bodyText !== undefined ? { body: JSON.parse(bodyText) } : {}),
  };
  const req221 = await requestTo221(tenant, party, req211);

  const url = new URL(c.req.url);
  url.pathname = [`/${tenant.tenant.id}/ocpi/${VersionNumbers.V2_2_1}/${req211.side}/${module}`]
    .concat(req221.segments.map(encodeURIComponent))
    .join('/');
  url.search = new URLSearchParams(req221.query).toString();
  const headers = new Headers({
    [ROUTING_HEADER_NAMES.fromCountryCode]: party.country_code,
    [ROUTING_HEADER_NAMES.fromPartyId]: party.party_id,
  });
  if (req221.body !== undefined) headers.set('Content-Type', 'application/json');
  const request = new Request(url, {
    method: req221.method,
    headers,
    ...(req221.body !== undefined ? { body: JSON.stringify(req221.body) } : {}),
  });
  const { call: _call, ...variables } = c.var as HubVariables;
  carried.set(request, variables);
  const answer = await inner.fetch(request);
  return answerIn211(c, req211, answer);
}

/** The 2.2.1 answer as a 2.1.1 partner reads it: data translated, no routing headers, 2.1.1 status codes. */
async function answerIn211(c: Context<HubEnv>, req: Request211, answer: Response): Promise<Response> {
  const tenant = c.get('tenant');
  const text = await answer.text();
  const envelope = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  for (const [name, value] of answer.headers) {
    if (/^ocpi-(to|from)-/i.test(name) || /^content-length$/i.test(name)) continue;
    if (/^link$/i.test(name))
      c.header(
        name,
        value.replace(/<([^>]+)>/g, (_m, u: string) => `<${tenant.urls.inVersion(u, '2.1.1')}>`),
      );
    else c.header(name, value);
  }
  if (!envelope) return c.body(text, answer.status as ContentfulStatusCode);
  const data = envelope.status_code === 1000 ? await answerTo211(tenant, req, envelope.data) : envelope.data;
  const body = {
    ...envelope,
    ...(data !== undefined ? { data } : {}),
    status_code: statusCodeTo211(Number(envelope.status_code)),
  };
  return c.json(body, answer.status as ContentfulStatusCode);
}
