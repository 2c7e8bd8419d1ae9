import { Hono } from 'hono';
import type { HubRuntime } from '../hub/hub-runtime';
import { PayloadTooLargeError } from '../ocpi/errors';
import { type HubVersion, VersionNumbers } from '../ocpi/modules';
import type { HubEnv } from './http-env';
import { answerRoutingHeaders } from './middleware/answer-routing-headers';
import { inboundLeniencies } from './middleware/inbound-leniencies';
import { ocpiAuth } from './middleware/ocpi-auth';
import { ocpiErrorHandler, ocpiNotFound } from './middleware/ocpi-errors';
import { partnerRateLimit, tenantRateLimit } from './middleware/rate-limits';
import { requestContext } from './middleware/request-context';
import { requestMetrics } from './middleware/request-metrics';
import { tenantScope, unknownOcpiTenant } from './middleware/tenant-scope';
import { pageLinkContinuations } from './ocpi/forwarding';
import type { OcpiModule } from './ocpi/ocpi-module';
import { versionsRoutes } from './ocpi/versions.routes';
import { bodySizeCap } from './request-body';

/**
 * The OCPI API of every tenant: `/{tenant}/ocpi/versions`, `/{tenant}/ocpi/2.2.1/...` and, for partners
 * that speak only OCPI 2.1.1, `/{tenant}/ocpi/2.1.1/...` (translated at the edge, ocpi-notes §6).
 * Every route is authenticated; token A only reaches versions and credentials.
 */
export function createOcpiApp(
  runtime: HubRuntime,
  modules: readonly OcpiModule[],
  modules211: readonly OcpiModule[] = [],
): Hono<HubEnv> {
  const app = new Hono<HubEnv>();
  app.onError(ocpiErrorHandler());
  app.notFound(ocpiNotFound());
  app.use('*', requestMetrics(runtime, 'ocpi'));
  app.use(
    '/:tenant/ocpi/*',
    requestContext(runtime),
    tenantScope(runtime, unknownOcpiTenant),
    // Before authentication and limits: their refusals are functional-module answers too.
    answerRoutingHeaders(),
    tenantRateLimit(),
  );

  const byVersion: Array<[HubVersion, readonly OcpiModule[]]> = [[VersionNumbers.V2_2_1, modules]];
  if (modules211.length > 0) byVersion.push([VersionNumbers.V2_1_1, modules211]);

  app.use('/:tenant/ocpi/versions', ocpiAuth({ allowTokenA: true }));
  for (const [version] of byVersion) {
    for (const path of [`/:tenant/ocpi/${version}`, `/:tenant/ocpi/${version}/credentials`])
      app.use(path, ocpiAuth({ allowTokenA: true }));
    app.use(`/:tenant/ocpi/${version}/*`, async (c, next) => {
      // Credentials already authenticated above with token A allowed; every other module refuses it.
      if (c.get('caller')) return next();
      return ocpiAuth({ allowTokenA: false })(c, next);
    });
  }

  // Every authenticated OCPI request counts against its partner's limit.
  app.use('/:tenant/ocpi/*', partnerRateLimit(), inboundLeniencies());

  // After authentication: an unauthenticated caller is told 401 whatever it sends.
  app.use(
    '/:tenant/ocpi/*',
    bodySizeCap((message) => new PayloadTooLargeError(message)),
  );
  // Page links the hub handed out are followed here, before any module's routes.
  for (const [version] of byVersion)
    for (const side of ['sender', 'receiver'])
      app.use(`/:tenant/ocpi/${version}/${side}/*`, pageLinkContinuations());

  app.route(
    '/:tenant/ocpi',
    versionsRoutes(Object.fromEntries(byVersion.map(([v, ms]) => [v, ms.flatMap((m) => m.endpoints)]))),
  );
  for (const [version, ms] of byVersion)
    for (const module of ms) app.route(`/:tenant/ocpi/${version}`, module.routes(runtime));
  return app;
}
