// The `kagura-ts/testing` entry: the LLM simulator, for tests and demos without an API key.
export type {
  RecordedRequest,
  Simulator,
  SimulatorFault,
  SimulatorOptions,
  SimulatorRule,
} from '@kagura-ts/testing';
export { startSimulator } from '@kagura-ts/testing';
