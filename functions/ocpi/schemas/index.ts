/**
 * OCPI 2.2.1 wire schemas, one file per OCPI object, fields in snake_case as on the wire.
 *
 * Conventions (follow them for another OCPI version's schemas too):
 * - `import * as z from 'zod/mini'`, never the classic `zod` and never `import { z }`: the functional API
 *   lets esbuild drop what is unused, which keeps the Lambda bundle and its cold start small.
 * - Each object is `XxxSchema = ocpiObject(() => ({...}))` (objects.ts) with
 *   `export type Xxx = z.infer<typeof XxxSchema>`. The fields are a function so that no object is built at
 *   import (cold start); it is built on its first parse. ocpiObject makes the object loose (unknown
 *   fields kept, ocpi-notes §1.6) and reads a JSON `null` in an optional or unknown field as absent, while
 *   a `null` in a required field is refused naming it; parsed objects carry no `null` (nulls.ts).
 * - Optional fields are `z.optional(...)`; lists are `z.array(...)`, or `nonEmptyList(...)` for `+`.
 * - Field types come from primitives.ts: `ciString(n)` (any case), `ocpiString(n)`, `UrlSchema`,
 *   `DateTimeSchema`, `IdSchema`, `CountryAlpha3Schema`... with the spec's maximum length `n`, taken from
 *   the spec's tables including its errata; extra checks go in `.check(...)`.
 * - Enums (enums.ts): `VALUES = [...] as const` plus `openEnum(VALUES)` for the enums OCPI 2.3.0 makes
 *   OpenEnums (an unknown value is kept unchanged), `closedEnum(VALUES)` for all others.
 * - An object with a PATCH form keeps its fields in `const xxxFields = () => ({...})`, used by both
 *   `ocpiObject(xxxFields)` and `XxxPatchSchema = ocpiPatch(xxxFields)`.
 * - Rules across fields are `z.superRefine` checks naming the offending field in `path`.
 * - Parse with validate.ts (`parseOrThrow`, `schemaIssues`), or `schema.safeParse`: both give messages
 *   set up in messages.ts ("is required", "must not be null", never the input value).
 */
export * from './authorization-info';
export * from './business-details';
export * from './cdr';
export * from './cdr-location';
export * from './cdr-token';
export * from './charging-period';
export * from './charging-preferences';
export * from './charging-profile';
export * from './charging-profile-results';
export * from './client-info';
export * from './command-response';
export * from './commands';
export * from './connector';
export * from './country-bounds';
export * from './credentials';
export * from './display-text';
export * from './energy-mix';
export * from './enums';
export * from './evse';
export * from './geo-location';
export * from './hours';
export * from './image';
export * from './location';
export * from './nulls';
export * from './objects';
export * from './plausibility';
export * from './price';
export * from './primitives';
export * from './publish-token-type';
export * from './session';
export * from './signed-data';
export * from './tariff';
export * from './tariff-restrictions';
export * from './token';
export * from './validate';
export * from './version';
