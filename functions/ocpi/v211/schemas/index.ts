/** OCPI 2.1.1 wire schemas (zod/mini). Objects are loose: unknown fields are kept (ocpi-notes §1.6). */
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
