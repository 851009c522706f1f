// Names from the OpenTelemetry GenAI semantic conventions (the released text, v1.41), written
// out here: the conventions' npm constants are in an unstable entry point and marked as moved,
// and Kagura depends on @opentelemetry/api alone. Kagura's own attributes use the `kagura.` prefix.

/** Span attribute names of the GenAI conventions. */
export const genAi = {
  operationName: 'gen_ai.operation.name',
  providerName: 'gen_ai.provider.name',
  requestModel: 'gen_ai.request.model',
  requestTemperature: 'gen_ai.request.temperature',
  requestTopP: 'gen_ai.request.top_p',
  requestMaxTokens: 'gen_ai.request.max_tokens',
  requestStopSequences: 'gen_ai.request.stop_sequences',
  requestSeed: 'gen_ai.request.seed',
  requestStream: 'gen_ai.request.stream',
  outputType: 'gen_ai.output.type',
  responseModel: 'gen_ai.response.model',
  responseFinishReasons: 'gen_ai.response.finish_reasons',
  responseTimeToFirstChunk: 'gen_ai.response.time_to_first_chunk',
  usageInputTokens: 'gen_ai.usage.input_tokens',
  usageOutputTokens: 'gen_ai.usage.output_tokens',
  usageCacheReadInputTokens: 'gen_ai.usage.cache_read.input_tokens',
  usageCacheCreationInputTokens: 'gen_ai.usage.cache_creation.input_tokens',
  inputMessages: 'gen_ai.input.messages',
  outputMessages: 'gen_ai.output.messages',
  systemInstructions: 'gen_ai.system_instructions',
  agentName: 'gen_ai.agent.name',
  agentDescription: 'gen_ai.agent.description',
  workflowName: 'gen_ai.workflow.name',
  toolName: 'gen_ai.tool.name',
  toolCallId: 'gen_ai.tool.call.id',
  toolType: 'gen_ai.tool.type',
  toolDescription: 'gen_ai.tool.description',
  toolCallArguments: 'gen_ai.tool.call.arguments',
  toolCallResult: 'gen_ai.tool.call.result',
  tokenType: 'gen_ai.token.type',
  errorType: 'error.type',
} as const;

/** Metric names of the GenAI conventions. */
export const genAiMetrics = {
  tokenUsage: 'gen_ai.client.token.usage',
  operationDuration: 'gen_ai.client.operation.duration',
  timeToFirstChunk: 'gen_ai.client.operation.time_to_first_chunk',
} as const;

/** Kagura's own span attributes. */
export const kagura = {
  cacheStatus: 'kagura.cache.status',
  cacheStore: 'kagura.cache.store',
  cacheAgeMs: 'kagura.cache.age_ms',
  promptCacheMiss: 'kagura.prompt_cache.miss',
  promptCacheStatus: 'kagura.prompt_cache.status',
  promptCacheOperation: 'kagura.prompt_cache.operation',
  coalescedWith: 'kagura.coalesced.leader_call_id',
  retryCount: 'kagura.retry.count',
  retryReasons: 'kagura.retry.reasons',
  limitQueuedMs: 'kagura.limit.queued_ms',
  limitGate: 'kagura.limit.gate',
  costUsd: 'kagura.cost.usd',
  costSavedUsd: 'kagura.cost.saved_usd',
  agentName: 'kagura.agent.name',
  routeAgent: 'kagura.route.agent',
  routeConfidence: 'kagura.route.confidence',
  routeStrategy: 'kagura.route.strategy',
  routeFallback: 'kagura.route.fallback',
  parallelItems: 'kagura.parallel.items',
  parallelConcurrency: 'kagura.parallel.concurrency',
} as const;

/** The bucket boundaries the conventions advise for token counts. */
export const tokenBuckets = [
  1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864,
];

/** The bucket boundaries the conventions advise for durations in seconds. */
export const durationBuckets = [
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
];
