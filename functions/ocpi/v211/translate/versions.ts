import { type InterfaceRole, MODULE_IDS_221, type ModuleId } from '../../modules';
import type { Endpoint, VersionDetails } from '../../schemas/version';
import { MODULE_IDS_211, type ModuleID211, type VersionDetails211 } from '../schemas/version';

/** The two roles 2.1.1 knows. A 2.2.1 NSP or OTHER party takes the eMSP side (ocpi-notes §3.2). */
export type Role211 = 'CPO' | 'EMSP';

/**
 * The 2.2.1-only modules: never offered to a 2.1.1 partner (2.1.1 has no hub concept and no smart
 * charging; charging preferences live under 2.2.1 sessions and go with them).
 */
export const MODULES_NOT_IN_211: readonly ModuleId[] = MODULE_IDS_221.filter(
  (module) => !(MODULE_IDS_211 as readonly string[]).includes(module),
);

/**
 * 2.1.1 endpoints have no role: the interface follows from the party's role (ocpi-notes §6). A CPO is
 * Sender of locations, sessions, cdrs and tariffs and Receiver of tokens and commands; an eMSP is the
 * reverse (its commands endpoint receives the asynchronous results).
 */
const CPO_INTERFACES: Readonly<Record<ModuleID211, InterfaceRole>> = {
  cdrs: 'SENDER',
  commands: 'RECEIVER',
  credentials: 'SENDER',
  locations: 'SENDER',
  sessions: 'SENDER',
  tariffs: 'SENDER',
  tokens: 'RECEIVER',
};

const opposite = (role: InterfaceRole): InterfaceRole => (role === 'SENDER' ? 'RECEIVER' : 'SENDER');

/** The interface a party of `role` implements for a 2.1.1 module. */
function interfaceOf(role: Role211, module: ModuleID211): InterfaceRole {
  const cpoSide = CPO_INTERFACES[module];
  return role === 'CPO' || module === 'credentials' ? cpoSide : opposite(cpoSide);
}

function isModule211(identifier: string): identifier is ModuleID211 {
  return (MODULE_IDS_211 as readonly string[]).includes(identifier);
}

/**
 * A 2.1.1 partner's version details as 2.2.1 endpoints with roles, for storing: each module gets the
 * interface the partner's role implies. Identifiers 2.1.1 does not define are left out.
 */
export function versionDetailsTo221(details: VersionDetails211, partnerRole: Role211): VersionDetails {
  const endpoints: Endpoint[] = details.endpoints.flatMap(({ identifier, url }) =>
    isModule211(identifier) ? [{ identifier, role: interfaceOf(partnerRole, identifier), url }] : [],
  );
  return { version: details.version, endpoints };
}

/**
 * The hub's version details toward a 2.1.1 partner: per 2.1.1 module, the hub's endpoint of the interface
 * the partner calls, which is the opposite of the partner's own (a CPO partner pushes locations to the
 * hub's Receiver). 2.2.1-only modules are not listed.
 */
export function versionDetailsTo211(details: VersionDetails, partnerRole: Role211): VersionDetails211 {
  const endpoints = MODULE_IDS_211.flatMap((module) => {
    const wanted = module === 'credentials' ? 'SENDER' : opposite(interfaceOf(partnerRole, module));
    const endpoint = details.endpoints.find((e) => e.identifier === module && e.role === wanted);
    return endpoint === undefined ? [] : [{ identifier: module, url: endpoint.url }];
  });
  return { version: '2.1.1', endpoints };
}
