import { Hono } from 'hono';
import type { HubUrls } from '../../hub/hub-urls';
import { party211Of } from '../../hub/v211/link-211';
import { successEnvelope } from '../../ocpi/envelope';
import { type EndpointRef, type HubVersion, VersionNumbers } from '../../ocpi/modules';
import { versionDetailsTo211 } from '../../ocpi/v211/translate';
import type { HubEnv } from '../http-env';

const HUB_VERSION = VersionNumbers.V2_2_1;

/** The endpoints the hub serves per version; a version without endpoints is not offered. */
export type EndpointsByVersion = Partial<Record<HubVersion, readonly EndpointRef[]>>;

/**
 * Versions module (version_information §1, §2): the version list and each version's details. Any valid
 * token of the tenant may call them, token A included (ocpi-notes §2.4 steps 2-3). The 2.1.1 details
 * depend on the caller: 2.1.1 endpoints carry no role, so each module is listed once, as the interface
 * the caller's party uses (a CPO pushes locations to the hub's Receiver and pulls tokens from its
 * Sender), and the 2.2.1-only modules are left out (ocpi-notes §6).
 */
export function versionsRoutes(byVersion: EndpointsByVersion): Hono<HubEnv> {
  const app = new Hono<HubEnv>();
  const offered = (Object.keys(byVersion) as HubVersion[]).filter((v) => byVersion[v]?.length).sort();
  const details = (urls: HubUrls, version: HubVersion) => ({
    version,
    endpoints: (byVersion[version] ?? []).map((e) => ({
      identifier: e.identifier,
      role: e.role,
      url: urls.endpoint(e, version),
    })),
  });
  app.get('/versions', (c) => {
    const { urls } = c.get('tenant');
    return c.json(
      successEnvelope(offered.map((version) => ({ version, url: urls.versionDetails(version) }))),
    );
  });
  if (offered.includes(VersionNumbers.V2_2_1))
    app.get(`/${HUB_VERSION}`, (c) => c.json(successEnvelope(details(c.get('tenant').urls, HUB_VERSION))));
  if (offered.includes(VersionNumbers.V2_1_1)) {
    app.get(`/${VersionNumbers.V2_1_1}`, (c) => {
      const { role } = party211Of(c.get('caller').partner);
      const hub = details(c.get('tenant').urls, VersionNumbers.V2_1_1);
      return c.json(successEnvelope(versionDetailsTo211(hub, role)));
    });
  }
  return app;
}
