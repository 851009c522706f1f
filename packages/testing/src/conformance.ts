// The `@kagura/testing/conformance` entry: suites that import Vitest, kept off the main entry
// so that the simulator loads without Vitest installed.
export type { ProviderConformanceOptions } from './provider-conformance';
export { describeProviderConformance } from './provider-conformance';
