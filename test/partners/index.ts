export { HubCallError } from './hub-client';
export { createSimulatedPlatform } from './platform';
export type { SimulatedPlatform } from './simulated-platform';
export type * from './types';
