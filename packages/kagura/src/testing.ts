// The `kagura-ts/testing` entry: the LLM simulator (a real HTTP server speaking the providers'
// wire formats), for tests and demos without an API key, and the in-process mock model.
export type {
  MockCall,
  MockLanguageModelOptions,
  MockReply,
  MockScript,
  RecordedRequest,
  Simulator,
  SimulatorFault,
  SimulatorOptions,
  SimulatorRule,
} from '@kagura-ts/testing';
export { MockLanguageModel, mockProvider, startSimulator } from '@kagura-ts/testing';
