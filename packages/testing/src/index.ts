export { countTokens, splitTokens } from './generation/count-tokens.js';
export { generateFromSchema } from './generation/generate-from-schema.js';
export type {
  MockCall,
  MockLanguageModelOptions,
  MockReply,
  MockScript,
} from './mock/mock-language-model.js';
export { MockLanguageModel, mockProvider } from './mock/mock-language-model.js';
export type { RedisServer, RedisServerOptions } from './redis/start-redis-server.js';
export {
  findFreePort,
  isRedisAvailable,
  shouldSkipRedisTests,
  startRedisServer,
} from './redis/start-redis-server.js';
export type {
  Jittered,
  LatencyOption,
  LatencyProfile,
  RequestTiming,
} from './simulator/latency.js';
export { DEFAULT_LATENCY_PROFILE } from './simulator/latency.js';
export type {
  PromptCacheBreakpoint,
  PromptCacheRecord,
} from './simulator/prompt-cache-record.js';
export type { RecordedRequest } from './simulator/recorded-request.js';
export type { Simulator } from './simulator/simulator.js';
export type {
  DropFault,
  MalformedJsonFault,
  SimulatorFault,
  SimulatorFaultTarget,
  SlowFirstTokenFault,
  StatusFault,
} from './simulator/simulator-fault.js';
export type { SimulatorOptions } from './simulator/simulator-options.js';
export type { SimulatorRequestInfo } from './simulator/simulator-request-info.js';
export type {
  RequestMatcher,
  ScriptedToolCall,
  SimulatorRule,
} from './simulator/simulator-rule.js';
export { startSimulator } from './simulator/start-simulator.js';
export type { Rng } from './util/create-rng.js';
export { createRng } from './util/create-rng.js';
export type { SimulatorFinishReason } from './wire/simulator-finish-reason.js';
export type { SimulatorMessage } from './wire/simulator-message.js';
export type { SimulatorTool } from './wire/simulator-tool.js';
