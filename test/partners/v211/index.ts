export { createSimulatedPlatform211, dataOf, type SimulatedPlatform211 } from './platform-211';
export type * from './types-211';
