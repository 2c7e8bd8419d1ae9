import type * as z from 'zod/mini';
import { closedEnum, nonEmptyList, ocpiObject, ocpiString, UrlSchema } from './primitives';

/** VersionNumber (OCPI 2.1.1 versions): the versions a 2.1.1 document knows. */
export const VERSION_NUMBERS_211 = ['2.0', '2.1', '2.1.1'] as const;
export const VersionNumber211Schema = closedEnum(VERSION_NUMBERS_211);

/** ModuleID (OCPI 2.1.1 versions): no hubclientinfo or chargingprofiles (both 2.2). */
export const MODULE_IDS_211 = [
  'cdrs',
  'commands',
  'credentials',
  'locations',
  'sessions',
  'tariffs',
  'tokens',
] as const;
export const ModuleID211Schema = closedEnum(MODULE_IDS_211);
export type ModuleID211 = z.infer<typeof ModuleID211Schema>;

/** Version (OCPI 2.1.1 versions): one entry of the version information endpoint. */
export const Version211Schema = ocpiObject(() => ({
  version: VersionNumber211Schema,
  url: UrlSchema,
}));
export type Version211 = z.infer<typeof Version211Schema>;

/**
 * Endpoint (OCPI 2.1.1 versions): no `role`; the interface follows from the party's role. The identifier
 * is any name, so a partner advertising a module of a later version (or a custom one) is not refused; the
 * hub uses the ModuleIDs it knows and ignores the rest.
 */
export const Endpoint211Schema = ocpiObject(() => ({
  identifier: ocpiString(64),
  url: UrlSchema,
}));
export type Endpoint211 = z.infer<typeof Endpoint211Schema>;

/** VersionDetails (OCPI 2.1.1 versions). */
export const VersionDetails211Schema = ocpiObject(() => ({
  version: VersionNumber211Schema,
  endpoints: nonEmptyList(Endpoint211Schema),
}));
export type VersionDetails211 = z.infer<typeof VersionDetails211Schema>;
