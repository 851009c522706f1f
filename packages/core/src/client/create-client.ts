import type {
  LanguageModel,
  ModelRequest,
  ModelResult,
  Provider,
  StreamEvent,
} from '@kagura-ts/provider';
import { InvalidArgumentError, specificationVersion, withoutUndefined } from '@kagura-ts/provider';
import type { CacheCall, Upstream, UpstreamContext } from '../cache/cache-engine.js';
import type { CacheOptions, ResolvedCacheControl } from '../cache/cache-options.js';
import { cacheEngineOf, LLMCache } from '../cache/llm-cache.js';
import { bypassedCache } from '../call/cache-info.js';
import { unpricedCost } from '../call/cost.js';
import type { LLMResponse } from '../call/llm-response.js';
import { defaultModelPrices, type ModelPrice } from '../call/model-prices.js';
import { RequestGates } from '../resilience/request-gates.js';
import type {
  LimitsOptions,
  RetryOptions,
  TimeoutOptions,
} from '../resilience/resilience-options.js';
import {
  type SendContext,
  type SendPolicy,
  sendGenerate,
  sendStream,
} from '../resilience/send-request.js';
import {
  validateRetryOptions,
  validateTimeoutOptions,
} from '../resilience/validate-resilience-options.js';
import { jsonResponseFormat } from '../schema/json-response-format.js';
import { parseJsonOutput } from '../schema/parse-json-output.js';
import { type InferSchema, isStandardSchema, type Schema } from '../schema/standard-schema.js';
import { LLMStream, type StreamHooks } from '../stream/llm-stream.js';
import { streamAfter } from '../stream/stream-after.js';
import type { KaguraEvent } from '../telemetry/call-event.js';
import { type CallTelemetry, ClientTelemetry } from '../telemetry/client-telemetry.js';
import { observeQueues } from '../telemetry/instruments.js';
import { observeCacheStore } from '../telemetry/observe-cache-store.js';
import type { TelemetryOptions } from '../telemetry/telemetry-options.js';
import { isTool } from '../tools/tool.js';
import { currentAbortSignal } from '../util/with-abort-signal.js';
import type { CallOptions } from './call-options.js';
import { checkJsonValue } from './check-json-value.js';
import { converterLoadForCall } from './converter-load-for-call.js';
import type { LLMConfig } from './llm-config.js';
import { normalizePrompt, type Prompt } from './normalize-prompt.js';
import { OutgoingRequest } from './outgoing-request.js';
import { checkBreakpointsPlacedByHand } from './place-cache-breakpoints.js';
import { PrefixWarmup } from './prefix-warmup.js';
import { PromptCacheMonitor } from './prompt-cache-monitor.js';
import { resolvePromptCache, warmsUp } from './prompt-cache-option.js';
import type { PromptCacheStats } from './prompt-cache-stats.js';
import { PromptTokenScale } from './prompt-token-scale.js';
import { RequestSnapshot } from './request-snapshot.js';
import { resolveCacheControl } from './resolve-cache-control.js';
import { resolveModel } from './resolve-model.js';
import { generateWithTools, streamWithTools, type ToolLoopClient } from './run-tool-loop.js';
import { validateConfig } from './validate-config.js';

/** Options for {@link createClient}. */
export interface ClientOptions {
  /**
   * The response cache: options for a new one, an `LLMCache` to share between clients, or
   * `false` for none. On by default, in memory.
   * @default {} (an in-memory cache)
   */
  cache?: CacheOptions | LLMCache | false;
  /** How failed requests are retried. @default { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8000 } */
  retry?: RetryOptions;
  /** Time limits of every call (a call's own `timeout` wins, field by field). @default none */
  timeout?: TimeoutOptions;
  /**
   * Limits on what is sent, by provider name or `provider:model`: requests in flight (a fair
   * queue), requests per minute, tokens per minute.
   * @example { openai: { concurrency: 8, requestsPerMinute: 500 }, 'openai:gpt-4o': { concurrency: 2 } }
   * @default none
   */
  limits?: LimitsOptions;
  /** The providers, keyed by the name used in `'name:model'`. */
  providers: Record<string, Provider>;
  /** The model used when a call names none, e.g. `'openai:gpt-4o-mini'`. */
  model?: string;
  /** Default reply settings for every call (a call's own settings win). */
  defaults?: LLMConfig;
  /**
   * Prices per million tokens, by model id or `provider:model`, over the built-in table (and a
   * cache's own `prices`): what `response.cost` and the cost metrics are computed from.
   */
  prices?: Record<string, ModelPrice>;
  /**
   * Called with every event of every call (start, cache result, coalesced join, limiter wait,
   * retry, first token, response, tool call and result, error): the hook for logging to your
   * own system. It runs synchronously in the call's path, so keep it quick; if it throws, the
   * call goes on.
   */
  onEvent?: (event: KaguraEvent) => void;
  /** OpenTelemetry spans and metrics, and whether they record prompts and answers. */
  telemetry?: TelemetryOptions;
}

/** A provider-agnostic LLM client. Every Kagura call goes through one. */
export interface Client {
  /** The configured provider names. */
  readonly providers: readonly string[];
  /** The model used when a call names none. */
  readonly defaultModel: string | undefined;
  /** The response cache, or `undefined` when the client has none. */
  readonly cache: LLMCache | undefined;
  /** Sends a prompt and waits for the whole reply. */
  call<S extends Schema>(
    prompt: Prompt,
    options: CallOptions<S> & { schema: S },
  ): Promise<LLMResponse<InferSchema<S>>>;
  call(prompt: Prompt, options?: CallOptions): Promise<LLMResponse>;
  /**
   * Sends a prompt and streams the reply. Invalid input throws here, before any request (in a
   * bundled application, a stream that must first load the zod 3 or valibot converters fails
   * instead, still before any request).
   */
  stream<S extends Schema>(
    prompt: Prompt,
    options: CallOptions<S> & { schema: S },
  ): LLMStream<InferSchema<S>>;
  stream(prompt: Prompt, options?: CallOptions): LLMStream;
  /**
   * Which provider and model a name refers to (the default model when `name` is omitted),
   * without sending anything. Throws as a call would for a name no provider takes.
   */
  resolveModel(name?: string): ResolvedModel;
  /**
   * The provider's own model for a name, a low-level entry: its `generate` and `stream` go
   * straight to the provider, with none of the client's cache, coalescing, limits, retries,
   * timeouts, input checks or telemetry. For tests and adapters; applications use `call` and
   * `stream`.
   */
  rawLanguageModel(name?: string): LanguageModel;
  /**
   * How this client's calls used the providers' prompt caches: requests that asked for it,
   * reads, hit rate, tokens read and written, explained misses and the dollars saved, in all
   * and per agent and model.
   */
  promptCacheStats(): PromptCacheStats;
}

/** Where a model name leads: the provider and the model id it sends. */
export interface ResolvedModel {
  /** The provider's name in the client, e.g. `'openai'`. */
  readonly provider: string;
  /** The model id sent to the provider, e.g. `'gpt-4o-mini'`. */
  readonly modelId: string;
}

interface PreparedCall {
  model: LanguageModel;
  /**
   * The request as the caller's values make it now, for what reads it at once (the call's
   * telemetry); what is keyed and sent is `snapshot`.
   */
  request: ModelRequest;
  /** The request as it was when the call was made: its canonical JSON, and a copy to send. */
  snapshot: RequestSnapshot;
  parseObject: ((text: string) => Promise<unknown>) | undefined;
  /** The call's cache controls, or `undefined` when it bypasses the cache. */
  control: ResolvedCacheControl | undefined;
  /**
   * Its request as sent: the snapshot, with prompt-cache breakpoints and key placed only when it
   * is sent (the response-cache key is made from the snapshot without them).
   */
  outgoing: OutgoingRequest;
}

/**
 * Creates a client over the given providers.
 *
 * @example
 * ```ts
 * const client = createClient({
 *   providers: { openai: createOpenAI(), ollama: createOpenAI({ name: 'ollama', baseURL: 'http://localhost:11434/v1' }) },
 *   model: 'openai:gpt-4o-mini',
 * });
 * const { text } = await client.call('Say hello.');
 * ```
 */
export function createClient(options: ClientOptions): Client {
  const providers = new Map(Object.entries(options.providers));
  const models = new Map<string, LanguageModel>();
  const defaultModel = options.model ?? options.defaults?.model;
  const cache = createCache(options.cache);
  const engine = cache === undefined ? undefined : cacheEngineOf(cache);
  const promptCaches = new PromptCacheMonitor();
  const warmup = new PrefixWarmup();
  const tokenScale = new PromptTokenScale();
  const policy: SendPolicy = {
    gates: new RequestGates(options.limits),
    retry: options.retry ?? {},
    timeout: options.timeout ?? {},
  };
  validateRetryOptions(options.retry);
  validateTimeoutOptions(options.timeout);
  const telemetry = new ClientTelemetry({
    onEvent: options.onEvent,
    telemetry: options.telemetry,
    prices: { ...defaultModelPrices, ...cache?.options.prices, ...options.prices },
    store: cache === undefined ? undefined : storeKind(cache),
  });
  if (options.limits !== undefined) observeQueues(policy.gates);
  if (cache !== undefined) observeCacheStore(cache);

  function languageModel(name: string | undefined = defaultModel): LanguageModel {
    const key = name ?? '';
    let model = models.get(key);
    if (model === undefined) {
      model = checkSpecificationVersion(resolveModel(name, providers));
      models.set(key, model);
    }
    return model;
  }

  // The cache's admin operations keep to this client's tenants (see `LLMCache`). Each call adds
  // its provider's scope; the default model's is added now, so that a new process can clear or
  // invalidate its earlier entries before it makes any call.
  if (cache !== undefined && cache.tenant === undefined && defaultModel !== undefined) {
    try {
      cache.addTenant(languageModel(defaultModel).tenantScope ?? 'default');
    } catch {
      // An unknown default model fails the first call that uses it, with a better message.
    }
  }

  function prepare(prompt: Prompt, callOptions: CallOptions): PreparedCall {
    const config: CallOptions = { ...options.defaults, ...withoutUndefined(callOptions) };
    validateConfig(config);
    const model = languageModel(config.model ?? defaultModel);
    const messages = normalizePrompt(prompt, config.system);
    // Before the snapshot and the cache key, both of which would fail on these less clearly.
    if (typeof prompt !== 'string') checkJsonValue(prompt, 'prompt');
    checkJsonValue(config.providerOptions, 'providerOptions');
    config.tools?.forEach((tool, index) => {
      checkJsonValue(tool.inputSchema, `tools[${index}].inputSchema`);
    });
    // Its keys in sorted order, as canonical JSON has them: the snapshot then writes the parts
    // Kagura built with the engine's own JSON.stringify (canonicalJson's fast path).
    const request: ModelRequest = {
      maxTokens: config.maxTokens,
      messages,
      providerOptions: config.providerOptions,
      responseFormat: config.responseFormat,
      seed: config.seed,
      stop: typeof config.stop === 'string' ? [config.stop] : config.stop,
      temperature: config.temperature,
      toolChoice: config.toolChoice,
      tools: config.tools?.map(({ name, description, inputSchema }) => ({
        description,
        inputSchema,
        name,
      })),
      topP: config.topP,
    };
    const { schema } = config;
    let parseObject: PreparedCall['parseObject'];
    if (schema !== undefined) {
      if (!isStandardSchema(schema)) {
        throw new InvalidArgumentError({
          argument: 'schema',
          value: schema,
          message: 'expected a Standard Schema v1 validator (zod, valibot, arktype, ...).',
        });
      }
      request.responseFormat = jsonResponseFormat({ ...config, schema });
      parseObject = (text) => parseJsonOutput(text, schema);
    }
    // Taken now, while the call is being made: what is keyed and sent is this snapshot.
    const snapshot = new RequestSnapshot(request);
    // The option and the breakpoints placed by hand are checked now, before any request; the
    // breakpoints are placed when the request is sent.
    const promptCache = resolvePromptCache(config.promptCache);
    const rules = model.promptCache;
    if (promptCache !== undefined && rules !== undefined && rules.maxBreakpoints > 0)
      checkBreakpointsPlacedByHand(messages, rules);
    const outgoing = new OutgoingRequest(
      model,
      snapshot,
      promptCache === undefined || rules === undefined
        ? undefined
        : {
            option: promptCache,
            warmUp: warmsUp(config.promptCache),
            agentName: callOptions.agentName,
            scale: tokenScale,
          },
    );
    const control = cache === undefined ? undefined : resolveCacheControl(cache, config.cache);
    return { model, request, snapshot, parseObject, control, outgoing };
  }

  // A call through the cache; what sends its request is a `CallUpstream` (below).
  function cachedCall(
    prepared: PreparedCall,
    control: ResolvedCacheControl,
    callOptions: CallOptions,
    report: CallTelemetry,
  ): CacheCall {
    const sendPolicy = policyFor(callOptions);
    return {
      model: prepared.model,
      request: prepared.request,
      requestJson: prepared.snapshot.json,
      control,
      abortSignal: callerSignal(callOptions),
      parseObject: prepared.parseObject,
      agentName: callOptions.agentName,
      totalMs: sendPolicy.timeout.totalMs,
      upstream: new CallUpstream(warmup, prepared, callOptions, report, sendPolicy),
      observer: report,
    };
  }

  function policyFor(callOptions: CallOptions): SendPolicy {
    if (callOptions.retry === undefined && callOptions.timeout === undefined) return policy;
    validateRetryOptions(callOptions.retry);
    validateTimeoutOptions(callOptions.timeout);
    return {
      ...policy,
      retry: { ...policy.retry, ...callOptions.retry },
      timeout: { ...policy.timeout, ...callOptions.timeout },
    };
  }

  async function call(
    prompt: Prompt,
    callOptions: CallOptions = {},
  ): Promise<LLMResponse<unknown>> {
    if (hasExecutableTools(callOptions)) {
      return generateWithTools(loopClient(callOptions), prompt, {
        ...callOptions,
        abortSignal: callerSignal(callOptions),
      });
    }
    // In a bundled application, the first zod 3 or valibot schema waits here for the
    // converters' `import()`; every other call goes on at once.
    const load = pendingConverters(callOptions);
    if (load !== undefined) await load;
    const prepared = prepare(prompt, callOptions);
    const report = startReport(prepared, callOptions, false);
    let response: LLMResponse<unknown>;
    try {
      response = await report.run(() => generate(prepared, callOptions, report));
    } catch (error) {
      report.fail(error);
      throw error;
    }
    // `generate` builds each response afresh, so its cost is set in place: no copy on a hit.
    response.cost = telemetry.costOfResponse(prepared.model, response);
    watchPromptCache(prepared, callOptions, response, report);
    report.finish(response);
    return response;
  }

  // A call's answer, through the cache or around it (without its cost, added by `call`).
  function generate(
    prepared: PreparedCall,
    callOptions: CallOptions,
    report: CallTelemetry,
  ): Promise<LLMResponse<unknown>> {
    const { control } = prepared;
    if (control !== undefined) {
      return engine!.generate(cachedCall(prepared, control, callOptions, report));
    }
    return generateUncached(prepared, callOptions, report);
  }

  async function generateUncached(
    prepared: PreparedCall,
    callOptions: CallOptions,
    report: CallTelemetry,
  ): Promise<LLMResponse<unknown>> {
    const { model, parseObject } = prepared;
    engine?.recordBypass();
    report.cacheResult(bypassedCache);
    const abortSignal = callerSignal(callOptions);
    const sendPolicy = policyFor(callOptions);
    // The total time limit covers the warm-up's wait too.
    const deadline = deadlineFrom(sendPolicy);
    const upstream = new CallUpstream(warmup, prepared, callOptions, report, sendPolicy);
    const result = await upstream.generateWithin(abortSignal, deadline);
    const object = parseObject === undefined ? undefined : await parseObject(result.text);
    return {
      ...result,
      object,
      provider: model.provider,
      cache: bypassedCache,
      cost: unpricedCost,
    };
  }

  function stream(prompt: Prompt, callOptions: CallOptions = {}): LLMStream<unknown> {
    if (hasExecutableTools(callOptions)) {
      return streamWithTools(loopClient(callOptions), prompt, {
        ...callOptions,
        abortSignal: callerSignal(callOptions),
      });
    }
    // In a bundled application, `require` cannot load the converters: the stream waits for
    // their `import()`, then opens (the only case where invalid input fails the stream instead
    // of throwing here).
    const load = pendingConverters(callOptions);
    if (load !== undefined) {
      return streamAfter(load, {
        provider: languageModel(callOptions.model ?? options.defaults?.model ?? defaultModel)
          .provider,
        abortSignal: callerSignal(callOptions),
        open: (abortSignal) => stream(prompt, { ...callOptions, abortSignal }),
      });
    }
    const prepared = prepare(prompt, callOptions);
    const report = startReport(prepared, callOptions, true);
    const { model } = prepared;
    const hooks: StreamHooks = {
      onEvent: (event) => {
        if (event.type === 'text-delta' || event.type === 'tool-call') report.firstToken();
      },
      complete: (response) => {
        response.cost = telemetry.costOfResponse(model, response);
        watchPromptCache(prepared, callOptions, response, report);
        report.finish(response);
        return response;
      },
    };
    // Started in the call's span, so the request it makes is its child. Bad per-call retry or
    // timeout options throw here, and end the call's span and events as a failure too.
    let opened: LLMStream<unknown>;
    try {
      opened = report.run(() => openStream(prepared, callOptions, report, hooks));
    } catch (error) {
      report.fail(error);
      throw error;
    }
    opened.response.catch((error: unknown) => report.fail(error));
    return opened;
  }

  function openStream(
    prepared: PreparedCall,
    callOptions: CallOptions,
    report: CallTelemetry,
    hooks: StreamHooks,
  ): LLMStream<unknown> {
    const { model, parseObject, control } = prepared;
    if (control !== undefined) {
      return engine!.stream(cachedCall(prepared, control, callOptions, report), hooks);
    }
    engine?.recordBypass();
    report.cacheResult(bypassedCache);
    const sendPolicy = policyFor(callOptions);
    const upstream = new CallUpstream(warmup, prepared, callOptions, report, sendPolicy);
    return new LLMStream<unknown>({
      ...hooks,
      provider: model.provider,
      abortSignal: callerSignal(callOptions),
      // The total time limit covers the warm-up's wait too.
      start: async (abortSignal) => upstream.streamWithin(abortSignal, deadlineFrom(sendPolicy)),
      parseObject,
    });
  }

  // An answer the provider gave (not one from the response cache) says whether its prompt read
  // the provider's prompt cache; one that should have and did not is reported, with why.
  function watchPromptCache(
    prepared: PreparedCall,
    callOptions: CallOptions,
    response: LLMResponse<unknown>,
    report: CallTelemetry,
  ): void {
    const sent = prepared.outgoing.sent;
    const { status } = response.cache;
    if (sent === undefined || status === 'hit' || status === 'coalesced') return;
    prepared.outgoing.settle(response.usage);
    if (sent.promptCache === undefined) return;
    const { model } = prepared;
    const { usage } = response;
    const savedUsd = telemetry.promptCacheSavings(model, usage);
    report.promptCacheUse(usage);
    engine?.recordPromptCache(usage, savedUsd);
    const miss = promptCaches.observe(model, callOptions.agentName, sent, usage, savedUsd);
    if (miss !== undefined) report.promptCacheMiss(miss.difference);
  }

  // Starts a call's reporting: its span and its first event.
  function startReport(
    prepared: PreparedCall,
    callOptions: CallOptions,
    streamed: boolean,
  ): CallTelemetry {
    const { model, request } = prepared;
    return telemetry.startCall({
      provider: model.provider,
      model: model.modelId,
      agent: callOptions.agentName,
      stream: streamed,
      request,
    });
  }

  // What a call must load before `prepare` converts its schema and tools (`undefined`: nothing).
  function pendingConverters(callOptions: CallOptions): Promise<void> | undefined {
    const { schema, jsonSchema } = callOptions;
    const tools = callOptions.tools ?? options.defaults?.tools;
    return converterLoadForCall({ schema, jsonSchema, tools });
  }

  // The tool loop's model turns are ordinary calls with the tools described, not executable.
  function loopClient(callOptions: CallOptions): ToolLoopClient {
    const config = { ...options.defaults, ...withoutUndefined(callOptions) };
    validateConfig(config);
    return {
      provider: languageModel(config.model ?? defaultModel).provider,
      forget: async (key) => {
        if (cache === undefined) return;
        await cache.flush();
        await cache.delete(key);
      },
      call: (messages, stepOptions) => call(messages, stepOptions),
      stream: (messages, stepOptions) => stream(messages, stepOptions),
      runTool: (tool, run) => telemetry.runTool(tool, run),
    };
  }

  return {
    providers: [...providers.keys()],
    defaultModel,
    cache,
    call: call as Client['call'],
    stream: stream as Client['stream'],
    resolveModel: (name) => {
      const { provider, modelId } = languageModel(name);
      return { provider, modelId };
    },
    rawLanguageModel: languageModel,
    promptCacheStats: () => promptCaches.stats(),
  };
}

// How a call's request is sent: through the warm-up (whose wait the total time limit covers
// too), within the total time limit measured to `deadline` (what waiting for another process or
// for the warm-up used of it is gone). For a call through the cache it is the call's `Upstream`,
// whose methods run only on a miss: a hit makes this one object and no closures.
class CallUpstream implements Upstream {
  constructor(
    private readonly warmup: PrefixWarmup,
    private readonly prepared: PreparedCall,
    private readonly callOptions: CallOptions,
    private readonly report: CallTelemetry,
    private readonly sendPolicy: SendPolicy,
  ) {}

  generate({ abortSignal, deadline }: UpstreamContext): Promise<ModelResult> {
    return this.generateWithin(abortSignal, deadline);
  }

  stream({ abortSignal, deadline }: UpstreamContext): AsyncIterable<StreamEvent> {
    return this.streamWithin(abortSignal, deadline);
  }

  /** Sends the request and waits for the whole reply (a call around the cache too). */
  generateWithin(
    abortSignal: AbortSignal | undefined,
    deadline: number | undefined,
  ): Promise<ModelResult> {
    return this.warmup.generate(
      this.prepared.outgoing.warmupKeyToSend(),
      abortSignal,
      () => sendGenerate(this.context(abortSignal, deadline)),
      () => sendStream(this.context(abortSignal, deadline)),
      this.prepared.model.provider,
    );
  }

  /** Sends the request as a stream (a stream around the cache too). */
  streamWithin(
    abortSignal: AbortSignal | undefined,
    deadline: number | undefined,
  ): AsyncIterable<StreamEvent> {
    return this.warmup.stream(this.prepared.outgoing.warmupKeyToSend(), abortSignal, () =>
      sendStream(this.context(abortSignal, deadline)),
    );
  }

  private context(abortSignal: AbortSignal | undefined, deadline: number | undefined): SendContext {
    const { prepared, callOptions, report, sendPolicy } = this;
    return {
      model: prepared.model,
      request: prepared.outgoing.toSend(),
      headers: callOptions.headers,
      abortSignal,
      policy: sendPolicy,
      deadline,
      observer: report,
    };
  }
}

// The deadline of a call that starts now, under its total time limit (if it has one).
function deadlineFrom(policy: SendPolicy): number | undefined {
  const { totalMs } = policy.timeout;
  return totalMs === undefined ? undefined : performance.now() + totalMs;
}

// The call's own signal and the ambient one (`withAbortSignal`), whichever aborts first.
function callerSignal(callOptions: CallOptions): AbortSignal | undefined {
  const ambient = currentAbortSignal();
  const own = callOptions.abortSignal;
  if (ambient === undefined || own === undefined || own === ambient) return own ?? ambient;
  return AbortSignal.any([own, ambient]);
}

// What kind of store a cache has, for the `kagura.cache.store` attribute.
function storeKind(cache: LLMCache): string {
  const { store } = cache.options;
  if (store === undefined || store === 'memory') return 'memory';
  if (typeof store === 'string') return store.startsWith('sqlite:') ? 'sqlite' : 'redis';
  return 'custom';
}

function createCache(option: CacheOptions | LLMCache | false | undefined): LLMCache | undefined {
  if (option === false) return undefined;
  return option instanceof LLMCache ? option : new LLMCache(option);
}

// Executable tools make the client run the tool loop; anything else in `tools` (a list of
// definitions, or a value that is no list at all) is checked as a call option.
function hasExecutableTools(callOptions: CallOptions): boolean {
  return Array.isArray(callOptions.tools) && callOptions.tools.some(isTool);
}

// A model written against another version of the provider spec would be called wrongly.
function checkSpecificationVersion(model: LanguageModel): LanguageModel {
  const version: unknown = model.specificationVersion;
  if (version === undefined || version === specificationVersion) return model;
  throw new InvalidArgumentError({
    argument: 'model',
    value: `${model.provider}:${model.modelId}`,
    message:
      `the '${model.provider}' provider implements provider spec ${String(version)}, and this ` +
      `@kagura-ts/core speaks ${specificationVersion}: install versions of the two that match.`,
  });
}
