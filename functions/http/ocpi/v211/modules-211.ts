import { InterfaceRole, VersionNumbers } from '../../../ocpi/modules';
import { credentialsRoutes } from '../credentials.routes';
import { OCPI_MODULES_221 } from '../modules-221';
import type { OcpiModule } from '../ocpi-module';
import { edgeModule211 } from './edge-211';

/** The 2.1.1 credentials module: the flat credentials object of one party (ocpi-notes §6). */
const credentials211Module: OcpiModule = {
  endpoints: [{ identifier: 'credentials', role: InterfaceRole.SENDER }],
  routes: () => credentialsRoutes(VersionNumbers.V2_1_1),
};

/**
 * The modules the hub serves to OCPI 2.1.1 partners under `/{tenant}/ocpi/2.1.1`, translated to and
 * from the stored 2.2.1 model at the edge (docs/ocpi-2.1.1-translation.md). Their endpoints are listed
 * in the 2.1.1 version details without roles, as the interface the caller's party uses.
 */
export const OCPI_MODULES_211: readonly OcpiModule[] = [
  credentials211Module,
  edgeModule211(OCPI_MODULES_221),
];
