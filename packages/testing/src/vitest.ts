// The `@kagura-ts/testing/vitest` entry: helpers that import Vitest, kept off the main entry so
// that the simulator loads without Vitest installed.
export type { KeyvLike, KeyvStoreConformanceOptions } from './keyv-store-conformance.js';
export { describeKeyvStoreConformance } from './keyv-store-conformance.js';
export type { ProviderConformanceOptions } from './provider-conformance.js';
export { describeProviderConformance } from './provider-conformance.js';
export { useSimulator } from './use-simulator.js';
