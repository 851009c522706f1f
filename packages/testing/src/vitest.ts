// The `@kagura-ts/testing/vitest` entry: helpers that import Vitest, kept off the main entry so
// that the simulator loads without Vitest installed.
export type { ProviderConformanceOptions } from './provider-conformance.js';
export { describeProviderConformance } from './provider-conformance.js';
export { useSimulator } from './use-simulator.js';
