import { cdrsModule } from './cdrs.routes';
import { chargingProfilesModule } from './chargingprofiles.routes';
import { commandsModule } from './commands.routes';
import { credentialsModule } from './credentials.routes';
import { hubClientInfoModule } from './hubclientinfo.routes';
import { locationsModule } from './locations.routes';
import type { OcpiModule } from './ocpi-module';
import { sessionsModule } from './sessions.routes';
import { tariffsModule } from './tariffs.routes';
import { tokenAuthorizeModule } from './token-authorize.routes';
import { tokensModule } from './tokens.routes';

/** The OCPI 2.2.1 modules the hub serves; the version details list exactly their endpoints. */
export const OCPI_MODULES_221: readonly OcpiModule[] = [
  credentialsModule,
  hubClientInfoModule,
  // Before the tokens module: its `POST sender/tokens/{uid}/authorize` must win over token routes.
  tokenAuthorizeModule,
  locationsModule,
  tariffsModule,
  tokensModule,
  commandsModule,
  sessionsModule,
  cdrsModule,
  chargingProfilesModule,
];
