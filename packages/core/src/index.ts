export type {
  AbortableStream,
  AbortErrorOptions,
  APICallErrorOptions,
  AssistantMessage,
  CreateSDKLoaderOptions,
  ErrorEvent,
  FinishEvent,
  FinishReason,
  ImagePart,
  InvalidArgumentErrorOptions,
  JSONSchema,
  KaguraErrorOptions,
  LanguageModel,
  LoadAPIKeyErrorOptions,
  LoadSDKErrorOptions,
  MapTransportErrorOptions,
  MaxStepsErrorOptions,
  Message,
  ModelRequest,
  ModelResult,
  NoSuchProviderErrorOptions,
  OutputIssue,
  OutputParseErrorOptions,
  PromptCacheBreakpoint,
  PromptCacheRequest,
  PromptCacheRules,
  PromptCacheTtl,
  Provider,
  ReadProviderStreamOptions,
  ResponseFormat,
  StreamEvent,
  SystemMessage,
  TextDeltaEvent,
  TextPart,
  TimeoutErrorOptions,
  TimeoutKind,
  ToolCallEvent,
  ToolCallPart,
  ToolChoice,
  ToolDefinition,
  ToolMessage,
  ToolResultEvent,
  ToolResultPart,
  TransportOptions,
  Usage,
  UserMessage,
} from '@kagura-ts/provider';
export {
  AbortError,
  APICallError,
  createSDKLoader,
  createTenantScope,
  InvalidArgumentError,
  isRetryableStatus,
  KaguraError,
  LoadAPIKeyError,
  LoadSDKError,
  MaxStepsError,
  mapTransportError,
  NoSuchProviderError,
  OutputParseError,
  parseRetryAfter,
  parseToolInput,
  readProviderStream,
  shareUntilFailure,
  specificationVersion,
  TimeoutError,
} from '@kagura-ts/provider';
export type {
  CacheEvent,
  CacheOptions,
  CacheStats,
  CacheStatsOptions,
  CacheStore,
  InvalidateFilter,
  ReplayMode,
} from './cache/cache-options.js';
export type { CircuitBreakerOptions } from './cache/circuit-breaker.js';
export type { CreateKeyvStoreOptions } from './cache/create-keyv-store.js';
export { createKeyvStore } from './cache/create-keyv-store.js';
export { LLMCache } from './cache/llm-cache.js';
export type { SqliteStoreOptions } from './cache/sqlite-store.js';
export { SqliteStore } from './cache/sqlite-store.js';
export type {
  AtomicStoreOperations,
  EntryCount,
  StoreCapabilities,
  StoreNotifications,
} from './cache/store-capabilities.js';
export { detectStoreCapabilities, storeCapabilities } from './cache/store-capabilities.js';
export type { CacheInfo, CacheStatus } from './call/cache-info.js';
export type { Cost } from './call/cost.js';
export type { LLMResponse, ToolStep } from './call/llm-response.js';
export type { ModelPrice } from './call/model-prices.js';
export { costOf, defaultModelPrices } from './call/model-prices.js';
export type { PromptPrefixDifference } from './call/prompt-prefix.js';
export type { CallLLMOptions } from './client/call-llm.js';
export { callLLM } from './client/call-llm.js';
export { callLLMStream } from './client/call-llm-stream.js';
export type { CacheControl, CallOptions } from './client/call-options.js';
export type { Client, ClientOptions, ResolvedModel } from './client/create-client.js';
export { createClient } from './client/create-client.js';
export {
  getDefaultClient,
  setDefaultClient,
  setDefaultClientFactory,
} from './client/default-client.js';
export type { LLMConfig, SchemaOptions } from './client/llm-config.js';
export type { Prompt } from './client/normalize-prompt.js';
export type { PromptCacheOption } from './client/prompt-cache-option.js';
export type {
  PromptCacheAgentStats,
  PromptCacheCounts,
  PromptCacheStats,
} from './client/prompt-cache-stats.js';
export type { Limiter, LimiterRunOptions } from './parallel/create-limiter.js';
export { createLimiter } from './parallel/create-limiter.js';
export type {
  SettledTaskResults,
  Task,
  TaskResult,
  TaskResults,
} from './parallel/parallel-gather.js';
export { parallelGather } from './parallel/parallel-gather.js';
export { parallelMap } from './parallel/parallel-map.js';
export type {
  IndexedResult,
  ParallelMapUnorderedOptions,
} from './parallel/parallel-map-unordered.js';
export { parallelMapUnordered } from './parallel/parallel-map-unordered.js';
export type { ParallelOptions, TaskContext } from './parallel/parallel-options.js';
export type {
  LimitsOptions,
  RequestLimits,
  RetryOptions,
  TimeoutOptions,
} from './resilience/resilience-options.js';
export { loadJsonSchemaConverters } from './schema/load-json-schema-converter.js';
export type { InferSchema, Schema } from './schema/standard-schema.js';
export { isStandardSchema, toJSONSchema } from './schema/standard-schema.js';
export type { LLMStreamSource } from './stream/llm-stream.js';
export { LLMStream } from './stream/llm-stream.js';
export { streamToString } from './stream/stream-to-string.js';
export type {
  CacheResultEvent,
  CallErrorEvent,
  CallEventBase,
  CoalescedJoinEvent,
  FirstTokenEvent,
  KaguraEvent,
  LimiterWaitEvent,
  PromptCacheMissEvent,
  RequestStartEvent,
  ResponseEvent,
  RetryScheduledEvent,
  ToolCallStartEvent,
  ToolResultReportEvent,
} from './telemetry/call-event.js';
export { errorTypeOf } from './telemetry/error-type.js';
export {
  genAi as genAiAttributes,
  kagura as kaguraAttributes,
} from './telemetry/gen-ai-names.js';
export type { TelemetryOptions } from './telemetry/telemetry-options.js';
export type { OperationSpan } from './telemetry/trace-operation.js';
export { startOperationSpan, traceOperation } from './telemetry/trace-operation.js';
export type { DefineToolOptions } from './tools/define-tool.js';
export { defineTool } from './tools/define-tool.js';
export type { Tool, ToolContext } from './tools/tool.js';
export { isTool } from './tools/tool.js';
export { currentAbortSignal, withAbortSignal } from './util/with-abort-signal.js';
