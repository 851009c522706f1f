// The `@kagura-ts/testing/vitest` entry: helpers that import Vitest, kept off the main entry so
// that the simulator loads without Vitest installed.
export type {
  KeyvLike,
  KeyvStoreConformanceOptions,
} from './conformance/keyv-store-conformance.js';
export { describeKeyvStoreConformance } from './conformance/keyv-store-conformance.js';
export type { ProviderConformanceOptions } from './conformance/provider-conformance.js';
export { describeProviderConformance } from './conformance/provider-conformance.js';
export { useSimulator } from './simulator/use-simulator.js';
