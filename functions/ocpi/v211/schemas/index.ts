/**
 * OCPI 2.1.1 wire schemas, written by the conventions of the 2.2.1 ones (functions/ocpi/schemas/index.ts):
 * zod/mini, objects built on first use, loose (unknown fields kept), null read as absent where a field is
 * optional; the enums OCPI 2.3.0 opens are open here too, the others closed.
 */
export * from './cdr';
export * from './commands';
export * from './connector';
export * from './credentials';
export * from './energy-mix';
export * from './evse';
export * from './geo-location';
export * from './hours';
export * from './location';
export * from './primitives';
export * from './session';
export * from './tariff';
export * from './token';
export * from './version';
