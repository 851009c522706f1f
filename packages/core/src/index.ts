export type { CachedResponse, CacheEntry, TimedEvent } from './cache/cache-entry';
export { parseCacheEntry } from './cache/cache-entry';
export type { CacheInfo, CacheStatus } from './cache/cache-info';
export type { CacheKeyInput } from './cache/cache-key';
export { cacheKeySchemaVersion, createCacheKey } from './cache/cache-key';
export type {
  CacheEvent,
  CacheOptions,
  CacheStats,
  CacheStore,
  InvalidateFilter,
  ReplayMode,
} from './cache/cache-options';
export { canonicalJson } from './cache/canonical-json';
export type { CircuitBreakerOptions } from './cache/circuit-breaker';
export type { CreateKeyvStoreOptions } from './cache/create-keyv-store';
export { createKeyvStore } from './cache/create-keyv-store';
export type { NewCacheEntry, SavedCall } from './cache/llm-cache';
export { LLMCache } from './cache/llm-cache';
export type { ModelPrice } from './cache/model-prices';
export { costOf, defaultModelPrices } from './cache/model-prices';
export type { SqliteStoreOptions } from './cache/sqlite-store';
export { SqliteStore } from './cache/sqlite-store';
export type { CallLLMOptions } from './client/call-llm';
export { callLLM } from './client/call-llm';
export { callLLMStream } from './client/call-llm-stream';
export type { CacheControl, CallOptions } from './client/call-options';
export type { Client, ClientOptions } from './client/create-client';
export { createClient } from './client/create-client';
export {
  getDefaultClient,
  setDefaultClient,
  setDefaultClientFactory,
} from './client/default-client';
export type { LLMConfig, SchemaOptions } from './client/llm-config';
export type { LLMResponse, ToolStep } from './client/llm-response';
export type { Prompt } from './client/normalize-prompt';
export { normalizePrompt } from './client/normalize-prompt';
export { resolveModel } from './client/resolve-model';
export { currentAbortSignal, withAbortSignal } from './client/with-abort-signal';
export type { AbortErrorOptions } from './errors/abort-error';
export { AbortError } from './errors/abort-error';
export type { APICallErrorOptions } from './errors/api-call-error';
export { APICallError, isRetryableStatus } from './errors/api-call-error';
export type { InvalidArgumentErrorOptions } from './errors/invalid-argument-error';
export { InvalidArgumentError } from './errors/invalid-argument-error';
export type { KaguraErrorOptions } from './errors/kagura-error';
export { KaguraError } from './errors/kagura-error';
export type { LoadAPIKeyErrorOptions } from './errors/load-api-key-error';
export { LoadAPIKeyError } from './errors/load-api-key-error';
export type { MaxStepsErrorOptions } from './errors/max-steps-error';
export { MaxStepsError } from './errors/max-steps-error';
export type { NoSuchProviderErrorOptions } from './errors/no-such-provider-error';
export { NoSuchProviderError } from './errors/no-such-provider-error';
export type { OutputIssue, OutputParseErrorOptions } from './errors/output-parse-error';
export { OutputParseError } from './errors/output-parse-error';
export type { TimeoutErrorOptions, TimeoutKind } from './errors/timeout-error';
export { TimeoutError } from './errors/timeout-error';
export type { Limiter, LimiterRunOptions } from './parallel/create-limiter';
export { createLimiter } from './parallel/create-limiter';
export type { SettledTaskResults, Task, TaskResult, TaskResults } from './parallel/parallel-gather';
export { parallelGather } from './parallel/parallel-gather';
export { parallelMap } from './parallel/parallel-map';
export type { IndexedResult, ParallelMapUnorderedOptions } from './parallel/parallel-map-unordered';
export { parallelMapUnordered } from './parallel/parallel-map-unordered';
export type { ParallelOptions, TaskContext } from './parallel/parallel-options';
export { createTenantScope } from './provider-utils/create-tenant-scope';
export type { MapTransportErrorOptions } from './provider-utils/map-transport-error';
export { mapTransportError } from './provider-utils/map-transport-error';
export { parseRetryAfter } from './provider-utils/parse-retry-after';
export { parseToolInput } from './provider-utils/parse-tool-input';
export type {
  AbortableStream,
  ReadProviderStreamOptions,
} from './provider-utils/read-provider-stream';
export { readProviderStream } from './provider-utils/read-provider-stream';
export type {
  LimitsOptions,
  RequestLimits,
  RetryOptions,
  TimeoutOptions,
} from './resilience/resilience-options';
export { retryDelay } from './resilience/retry-delay';
export { parseJsonOutput } from './schema/parse-json-output';
export type { InferSchema, Schema } from './schema/standard-schema';
export { isStandardSchema, toJSONSchema } from './schema/standard-schema';
export type { JSONSchema } from './spec/json-schema';
export type { LanguageModel } from './spec/language-model';
export type {
  AssistantMessage,
  ImagePart,
  Message,
  SystemMessage,
  TextPart,
  ToolCallPart,
  ToolMessage,
  ToolResultPart,
  UserMessage,
} from './spec/message';
export type {
  ModelRequest,
  ResponseFormat,
  ToolChoice,
  ToolDefinition,
  TransportOptions,
} from './spec/model-request';
export type { ModelResult } from './spec/model-result';
export type { Provider } from './spec/provider';
export type {
  ErrorEvent,
  FinishEvent,
  StreamEvent,
  TextDeltaEvent,
  ToolCallEvent,
  ToolResultEvent,
} from './spec/stream-event';
export type { FinishReason, Usage } from './spec/usage';
export type { LLMStreamSource } from './stream/llm-stream';
export { LLMStream } from './stream/llm-stream';
export { ReplayBuffer } from './stream/replay-buffer';
export { streamToString } from './stream/stream-to-string';
export type { DefineToolOptions } from './tools/define-tool';
export { defineTool } from './tools/define-tool';
export type { ExecuteToolCallsOptions } from './tools/execute-tool-calls';
export { executeToolCalls } from './tools/execute-tool-calls';
export type { Tool, ToolContext } from './tools/tool';
export { isTool } from './tools/tool';
