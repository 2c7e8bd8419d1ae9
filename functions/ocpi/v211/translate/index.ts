/**
 * Pure translation between the hub's stored OCPI 2.2.1 model and OCPI 2.1.1 (ocpi-notes §6). Every
 * mapping, lossy or refused, is listed in docs/ocpi-2.1.1-translation.md.
 */
export * from './cdr';
export * from './commands';
export * from './coordinates';
export * from './credentials';
export * from './embedded-location';
export * from './location';
export * from './lookups';
export * from './party';
export * from './session';
export * from './tariff';
export * from './time-zones';
export * from './token';
export * from './transport';
export * from './untranslatable';
export * from './versions';
