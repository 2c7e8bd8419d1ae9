import * as z from 'zod/mini';
import { MODULE_IDS_221 } from '../modules';
import { closedEnum, nonEmptyList, ocpiObject, UrlSchema } from './primitives';

/** VersionNumber (versions §6.2.2). `2.2` is deprecated but still a value, and the spec's own examples use it. */
export const VERSION_NUMBERS = ['2.0', '2.1', '2.1.1', '2.2', '2.2.1'] as const;
export const VersionNumberSchema = closedEnum(VERSION_NUMBERS);
export type VersionNumber = z.infer<typeof VersionNumberSchema>;

/**
 * A version as advertised by a partner. A partner's version list also names versions newer than 2.2.1
 * (2.3.0 makes VersionNumber an OpenEnum); rejecting the whole list would break the credentials
 * handshake, so any dotted version number is accepted and the caller picks the ones it speaks.
 */
export const AdvertisedVersionNumberSchema = z.union([
  VersionNumberSchema,
  z
    .string()
    .check(z.regex(/^\d{1,3}(\.\d{1,3}){1,3}$/, { message: 'must be a version number such as 2.2.1' })),
]);

/** ModuleID (versions §6.2.3): the one list of module ids lives in modules.ts. */
export const ModuleIDSchema = closedEnum(MODULE_IDS_221);
export type ModuleID = z.infer<typeof ModuleIDSchema>;

/**
 * Custom modules are allowed with a party-specific prefix, e.g. `nltnm-tokens` (versions §6.2.3), so an
 * Endpoint identifier is a ModuleID or such a prefixed name.
 */
export const EndpointIdentifierSchema = z.union([
  ModuleIDSchema,
  z
    .string()
    .check(
      z.regex(/^[a-z0-9]+-[a-z0-9_-]+$/i, { message: 'must be a ModuleID or a prefixed custom module' }),
    ),
]);

export const INTERFACE_ROLES = ['SENDER', 'RECEIVER'] as const;
export const InterfaceRoleSchema = closedEnum(INTERFACE_ROLES);
export type InterfaceRole = z.infer<typeof InterfaceRoleSchema>;

/** Version (versions §6.1.2): one entry of the version information endpoint. */
export const VersionSchema = ocpiObject(() => ({
  version: AdvertisedVersionNumberSchema,
  url: UrlSchema,
}));
export type Version = z.infer<typeof VersionSchema>;

/** Endpoint (versions §6.2.1). */
export const EndpointSchema = ocpiObject(() => ({
  identifier: EndpointIdentifierSchema,
  role: InterfaceRoleSchema,
  url: UrlSchema,
}));
export type Endpoint = z.infer<typeof EndpointSchema>;

/** VersionDetails (versions §6.2.1): the version details endpoint's data. */
export const VersionDetailsSchema = ocpiObject(() => ({
  version: AdvertisedVersionNumberSchema,
  endpoints: nonEmptyList(EndpointSchema),
}));
export type VersionDetails = z.infer<typeof VersionDetailsSchema>;
