import {
  type EndpointRef,
  endpointPath,
  type HubVersion,
  type ModuleId,
  VersionNumbers,
} from '../ocpi/modules';

/** Query parameter of a hub page link that continues a forwarded pull (hub/routing/link-continuation.ts). */
export const LINK_QUERY_PARAM = 'link';

/** The hub has no public base URL: it cannot hand out a URL a partner could use. */
class NoPublicUrlError extends Error {
  constructor() {
    super('the hub has no public base URL configured (HUB_PUBLIC_URL); it cannot hand out URLs');
  }
}

/**
 * Every URL the hub hands to partners or admins (versions, endpoints, response_url stand-ins, CDR
 * locations, page links), built from the configured public base URL only. Never from a request's
 * Host or other headers: a caller would otherwise choose where another partner sends its results and
 * its token (issue #10, finding 2). URLs are of the 2.2.1 namespace unless a version is named; the
 * 2.1.1 namespace mirrors it path for path (`/2.1.1/sender/locations`, ...).
 */
export interface HubUrls {
  /** `<public base>/<tenant>/ocpi/versions` */
  versions(): string;
  /** `<public base>/<tenant>/ocpi/<version>` (2.2.1 by default) */
  versionDetails(version?: HubVersion): string;
  /** The URL of one of the hub's own endpoints, as its version details list it. */
  endpoint(ref: EndpointRef, version?: HubVersion): string;
  /** Where a CPO posts the CommandResult of command `id` (replaces the eMSP's response_url). */
  commandResult(id: string): string;
  /** Where a CPO posts a charging profile result (replaces the requester's response_url). */
  profileResult(id: string): string;
  /** A stored CDR's hub Location (replaces the eMSP's Location). */
  cdrLocation(locator: string): string;
  /** A page link that continues a forwarded pull of `module` through the hub. */
  pageLink(module: ModuleId, targetInterface: 'SENDER' | 'RECEIVER', id: string): string;
  /**
   * The public form of a request's own URL, e.g. the base of next-page links: `ocpiPath` is the path
   * below `/<tenant>/ocpi` (e.g. `/2.2.1/sender/tariffs`), `search` the query with its `?`.
   */
  ocpiUrl(ocpiPath: string, search?: string): string;
  /**
   * A hub URL of one version's namespace in another's (e.g. a 2.2.1 page link or result URL handed to a
   * 2.1.1 partner); any other URL is returned unchanged.
   */
  inVersion(url: string, version: HubVersion): string;
}

export function hubUrlsOf(publicUrl: string | undefined, tenantId: string): HubUrls {
  const ocpiBase = () => {
    if (!publicUrl) throw new NoPublicUrlError();
    return `${publicUrl.replace(/\/+$/, '')}/${tenantId}/ocpi`;
  };
  const details = (version: HubVersion = VersionNumbers.V2_2_1) => `${ocpiBase()}/${version}`;
  const endpoint = (ref: EndpointRef, version?: HubVersion) => `${details(version)}${endpointPath(ref)}`;
  return {
    versions: () => `${ocpiBase()}/versions`,
    versionDetails: details,
    endpoint,
    commandResult: (id) => `${endpoint({ identifier: 'commands', role: 'SENDER' })}/${id}`,
    profileResult: (id) => `${endpoint({ identifier: 'chargingprofiles', role: 'SENDER' })}/results/${id}`,
    cdrLocation: (locator) => `${endpoint({ identifier: 'cdrs', role: 'SENDER' })}/${locator}`,
    // The requester pulled from the hub's interface of the same role as the target's: the hub mirrors
    // every functional module on both sides (its version details list both interfaces of each).
    pageLink: (module, targetInterface, id) =>
      `${endpoint({ identifier: module, role: targetInterface })}?${LINK_QUERY_PARAM}=${id}`,
    ocpiUrl: (ocpiPath, search = '') => `${ocpiBase()}${ocpiPath}${search}`,
    inVersion(url, version) {
      const base = ocpiBase();
      for (const from of ['2.1.1', '2.2.1'] as const) {
        const prefix = `${base}/${from}`;
        if (url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`))
          return `${base}/${version}${url.slice(prefix.length)}`;
      }
      return url;
    },
  };
}
