import { credentialsModule } from './credentials.routes';
import type { OcpiModule } from './ocpi-module';

/** The OCPI 2.2.1 modules the hub serves; the version details list exactly their endpoints. */
export const OCPI_MODULES_221: readonly OcpiModule[] = [credentialsModule];
