import type * as z from 'zod/mini';
import { MODULE_IDS_221 } from '../modules';
import { closedEnum, openEnum } from './enums';
import { nonEmptyList, ocpiObject } from './objects';
import { UrlSchema } from './primitives';

/**
 * VersionNumber (versions §6.2.2). `2.2` is deprecated but still a value, and the spec's own examples use
 * it. 2.3.0 makes it an OpenEnum: a partner's version list names newer versions too (`2.3.0`), and
 * refusing them would break the credentials handshake; the caller picks the versions it speaks.
 */
export const VERSION_NUMBERS = ['2.0', '2.1', '2.1.1', '2.2', '2.2.1'] as const;
export const VersionNumberSchema = openEnum(VERSION_NUMBERS);
export type VersionNumber = z.infer<typeof VersionNumberSchema>;

/** A version as a partner advertises it: any VersionNumber, known or newer. */
export const AdvertisedVersionNumberSchema = VersionNumberSchema;

/**
 * ModuleID (versions §6.2.3), an OpenEnum in 2.3.0; the one list of module ids lives in modules.ts. A
 * partner may advertise modules the hub does not know, e.g. 2.3.0's `payments` or a custom module with a
 * party-specific prefix such as `nltnm-tokens`; they are kept, and the hub uses the ones it knows.
 */
export const ModuleIDSchema = openEnum(MODULE_IDS_221);
export type ModuleID = z.infer<typeof ModuleIDSchema>;

/** An Endpoint identifier: a ModuleID, known or not. */
export const EndpointIdentifierSchema = ModuleIDSchema;

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
