// The provider spec: what a provider implements (a `Provider` handing out `LanguageModel`s over
// a normalised request, result and stream events), the errors every package throws, and the
// helpers provider adapters share. No runtime dependencies: a provider package depends on this
// and its SDK alone.

export type { AbortErrorOptions } from './errors/abort-error.js';
export { AbortError } from './errors/abort-error.js';
export type { APICallErrorOptions } from './errors/api-call-error.js';
export { APICallError, isRetryableStatus } from './errors/api-call-error.js';
export type { InvalidArgumentErrorOptions } from './errors/invalid-argument-error.js';
export { InvalidArgumentError } from './errors/invalid-argument-error.js';
export type { KaguraErrorOptions } from './errors/kagura-error.js';
export { KaguraError } from './errors/kagura-error.js';
export type { LoadAPIKeyErrorOptions } from './errors/load-api-key-error.js';
export { LoadAPIKeyError } from './errors/load-api-key-error.js';
export type { LoadSDKErrorOptions } from './errors/load-sdk-error.js';
export { LoadSDKError } from './errors/load-sdk-error.js';
export type { MaxStepsErrorOptions } from './errors/max-steps-error.js';
export { MaxStepsError } from './errors/max-steps-error.js';
export type { NoSuchProviderErrorOptions } from './errors/no-such-provider-error.js';
export { NoSuchProviderError } from './errors/no-such-provider-error.js';
export type { OutputIssue, OutputParseErrorOptions } from './errors/output-parse-error.js';
export { OutputParseError } from './errors/output-parse-error.js';
export type { TimeoutErrorOptions, TimeoutKind } from './errors/timeout-error.js';
export { TimeoutError } from './errors/timeout-error.js';
export type { CreateSDKLoaderOptions } from './provider-utils/create-sdk-loader.js';
export { createSDKLoader } from './provider-utils/create-sdk-loader.js';
export { createTenantScope } from './provider-utils/create-tenant-scope.js';
export { isRecord } from './provider-utils/is-record.js';
export type { MapTransportErrorOptions } from './provider-utils/map-transport-error.js';
export { mapTransportError } from './provider-utils/map-transport-error.js';
export { parseRetryAfter } from './provider-utils/parse-retry-after.js';
export { parseToolInput } from './provider-utils/parse-tool-input.js';
export { readEnv } from './provider-utils/read-env.js';
export type {
  AbortableStream,
  ReadProviderStreamOptions,
} from './provider-utils/read-provider-stream.js';
export { readProviderStream } from './provider-utils/read-provider-stream.js';
export { shareUntilFailure } from './provider-utils/share-until-failure.js';
export { withoutUndefined } from './provider-utils/without-undefined.js';
export type { JSONSchema } from './spec/json-schema.js';
export type { LanguageModel } from './spec/language-model.js';
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
} from './spec/message.js';
export type {
  ModelRequest,
  ResponseFormat,
  ToolChoice,
  ToolDefinition,
  TransportOptions,
} from './spec/model-request.js';
export type { ModelResult } from './spec/model-result.js';
export type {
  PromptCacheBreakpoint,
  PromptCacheRequest,
  PromptCacheRules,
  PromptCacheTtl,
} from './spec/prompt-cache.js';
export type { Provider } from './spec/provider.js';
export { specificationVersion } from './spec/specification-version.js';
export type {
  ErrorEvent,
  FinishEvent,
  StreamEvent,
  TextDeltaEvent,
  ToolCallEvent,
  ToolResultEvent,
} from './spec/stream-event.js';
export type { FinishReason, Usage } from './spec/usage.js';
