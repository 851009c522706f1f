export { countTokens, splitTokens } from './count-tokens';
export type { Rng } from './create-rng';
export { createRng } from './create-rng';
export { generateFromSchema } from './generate-from-schema';
export type { Jittered, LatencyOption, LatencyProfile } from './latency';
export { DEFAULT_LATENCY_PROFILE } from './latency';
export type { RecordedRequest } from './recorded-request';
export type { Simulator } from './simulator';
export type {
  DropFault,
  MalformedJsonFault,
  SimulatorFault,
  SimulatorFaultTarget,
  SlowFirstTokenFault,
  StatusFault,
} from './simulator-fault';
export type { SimulatorOptions } from './simulator-options';
export type {
  SimulatorMessage,
  SimulatorRequestInfo,
  SimulatorTool,
} from './simulator-request-info';
export type {
  RequestMatcher,
  ScriptedToolCall,
  SimulatorFinishReason,
  SimulatorRule,
} from './simulator-rule';
export type { RedisServer, RedisServerOptions } from './start-redis-server';
export {
  findFreePort,
  isRedisAvailable,
  shouldSkipRedisTests,
  startRedisServer,
} from './start-redis-server';
export { startSimulator } from './start-simulator';
