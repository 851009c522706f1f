export { countTokens, splitTokens } from './count-tokens.js';
export type { Rng } from './create-rng.js';
export { createRng } from './create-rng.js';
export { generateFromSchema } from './generate-from-schema.js';
export type { Jittered, LatencyOption, LatencyProfile } from './latency.js';
export { DEFAULT_LATENCY_PROFILE } from './latency.js';
export type {
  MockCall,
  MockLanguageModelOptions,
  MockReply,
  MockScript,
} from './mock/mock-language-model.js';
export { MockLanguageModel, mockProvider } from './mock/mock-language-model.js';
export type { RecordedRequest } from './recorded-request.js';
export type { Simulator } from './simulator.js';
export type {
  DropFault,
  MalformedJsonFault,
  SimulatorFault,
  SimulatorFaultTarget,
  SlowFirstTokenFault,
  StatusFault,
} from './simulator-fault.js';
export type { SimulatorOptions } from './simulator-options.js';
export type {
  SimulatorMessage,
  SimulatorRequestInfo,
  SimulatorTool,
} from './simulator-request-info.js';
export type {
  RequestMatcher,
  ScriptedToolCall,
  SimulatorFinishReason,
  SimulatorRule,
} from './simulator-rule.js';
export type { RedisServer, RedisServerOptions } from './start-redis-server.js';
export {
  findFreePort,
  isRedisAvailable,
  shouldSkipRedisTests,
  startRedisServer,
} from './start-redis-server.js';
export { startSimulator } from './start-simulator.js';
