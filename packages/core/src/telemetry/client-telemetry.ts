import type { FinishReason, ModelRequest, Usage } from '@kagura-ts/provider';
import {
  type Attributes,
  type Context,
  context,
  type Link,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { CacheInfo } from '../call/cache-info.js';
import { type Cost, costOfCall } from '../call/cost.js';
import { findModelPrice, type ModelPrice, promptCacheSavingsOf } from '../call/model-prices.js';
import { describeDifference, type PromptPrefixDifference } from '../call/prompt-prefix.js';
import type { CallEventBase, KaguraEvent, LimiterWaitEvent } from './call-event.js';
import { conventionFinishReason, requestContent, responseContent } from './content-attributes.js';
import { createDebugLog, type DebugLog, describeEvent, redactSecrets } from './debug-log.js';
import { errorTypeOf } from './error-type.js';
import { genAi, kagura } from './gen-ai-names.js';
import { instruments, tracer, tracingActive } from './instruments.js';
import type { TelemetryOptions } from './telemetry-options.js';

/** What {@link ClientTelemetry} is made from: the client's options. */
export interface ClientTelemetryOptions {
  onEvent: ((event: KaguraEvent) => void) | undefined;
  telemetry: TelemetryOptions | undefined;
  prices: Readonly<Record<string, ModelPrice>>;
  /** The cache store's kind (`'memory'`, `'sqlite'`, `'redis'`, `'custom'`), if any. */
  store: string | undefined;
  env?: NodeJS.ProcessEnv;
}

/** What a call is, for its span and events. */
export interface CallDescription {
  provider: string;
  model: string;
  agent: string | undefined;
  stream: boolean;
  request: ModelRequest;
}

/** The answer a call finished with, for its span, metrics and event. */
export interface CallOutcome {
  text: string;
  toolCalls: ReadonlyArray<{ toolCallId: string; toolName: string; input: unknown }>;
  finishReason: FinishReason;
  usage: Usage;
  model: string;
  cache: CacheInfo;
  cost: Cost;
}

let lastCallId = 0;

/**
 * A client's reporting: its `onEvent` hook, the debug log, and OpenTelemetry spans and metrics,
 * fed by the same events. One per client.
 */
export class ClientTelemetry {
  private readonly prices: Readonly<Record<string, ModelPrice>>;
  // Each model's price, found once: the client hands out one LanguageModel per name.
  private readonly modelPrices = new WeakMap<object, { price: ModelPrice | undefined }>();
  private readonly onEvent: ((event: KaguraEvent) => void) | undefined;
  private readonly debug: DebugLog | undefined;
  private readonly tracing: boolean;
  readonly recordContent: boolean;
  private readonly store: string | undefined;

  constructor(options: ClientTelemetryOptions) {
    const env = options.env ?? process.env;
    this.prices = options.prices;
    this.onEvent = options.onEvent;
    this.debug = createDebugLog(env);
    this.tracing = options.telemetry?.enabled !== false;
    this.recordContent =
      options.telemetry?.recordContent ??
      /^(true|1|span_only|span_and_event)$/i.test(
        env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT ?? '',
      );
    this.store = options.store;
  }

  /** Whether events are wanted by anyone (a hook or the debug log). */
  get listening(): boolean {
    return this.onEvent !== undefined || this.debug !== undefined;
  }

  /** Reports an event to the hook and the debug log. A throwing hook never fails the call. */
  emit(event: KaguraEvent): void {
    if (this.debug !== undefined) {
      const [category, line] = describeEvent(event);
      this.debug(category, line);
    }
    if (this.onEvent === undefined) return;
    try {
      this.onEvent(event);
    } catch (error) {
      this.debug?.(
        'call',
        `onEvent threw: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** Starts reporting one model call: its `chat {model}` span, as a child of the active span. */
  startCall(description: CallDescription): CallTelemetry {
    const tracing = this.tracing && tracingActive();
    const metering = this.tracing && instruments().active;
    // Nobody is looking: no SDK, no hook, no debug log. The call reports nothing, at no cost.
    if (!tracing && !metering && !this.listening) return CallTelemetry.silent;
    lastCallId += 1;
    return new CallTelemetry(this, lastCallId, description, tracing, metering, this.store);
  }

  /** What a response of `model` cost (its price looked up once per model). */
  costOfResponse(
    model: { provider: string; modelId: string },
    response: { usage: Usage; cache: CacheInfo },
  ): Cost {
    return costOfCall(this.priceOf(model), response.usage, response.cache.status);
  }

  /** What the provider's prompt cache saved a response of `model` (see `promptCacheSavingsOf`). */
  promptCacheSavings(model: { provider: string; modelId: string }, usage: Usage): number {
    return promptCacheSavingsOf(usage, this.priceOf(model));
  }

  // A model's price, looked up once per model.
  private priceOf(model: { provider: string; modelId: string }): ModelPrice | undefined {
    let price = this.modelPrices.get(model);
    if (price === undefined) {
      price = { price: findModelPrice(this.prices, model.provider, model.modelId) };
      this.modelPrices.set(model, price);
    }
    return price.price;
  }

  /**
   * Runs a tool inside its `execute_tool {name}` span, reporting its start and end as
   * `tool-call` and `tool-result` events.
   */
  async runTool<T extends { isError?: boolean; output: unknown }>(
    tool: { name: string; description: string | undefined; callId: string; input: unknown },
    run: () => Promise<T>,
  ): Promise<T> {
    this.emit({ type: 'tool-call', toolName: tool.name, toolCallId: tool.callId });
    const started = performance.now();
    const span = this.tracing
      ? tracer.startSpan(`execute_tool ${tool.name}`, {
          kind: SpanKind.INTERNAL,
          attributes: {
            [genAi.operationName]: 'execute_tool',
            [genAi.toolName]: tool.name,
            [genAi.toolCallId]: tool.callId,
            [genAi.toolType]: 'function',
            ...(tool.description === undefined
              ? {}
              : { [genAi.toolDescription]: tool.description }),
          },
        })
      : undefined;
    if (span?.isRecording() && this.recordContent) {
      span.setAttribute(genAi.toolCallArguments, safeJson(tool.input));
    }
    const active = span === undefined ? context.active() : trace.setSpan(context.active(), span);
    try {
      const result = await context.with(active, run);
      if (span?.isRecording()) {
        if (result.isError === true) {
          span.setAttribute(genAi.errorType, 'tool_error');
          span.setStatus({
            code: SpanStatusCode.ERROR,
            message: 'The tool returned an error result.',
          });
        }
        if (this.recordContent) span.setAttribute(genAi.toolCallResult, safeJson(result.output));
      }
      this.emit({
        type: 'tool-result',
        toolName: tool.name,
        toolCallId: tool.callId,
        isError: result.isError === true,
        durationMs: performance.now() - started,
      });
      return result;
    } catch (error) {
      if (span !== undefined) failSpan(span, error);
      throw error;
    } finally {
      span?.end();
    }
  }
}

/**
 * One model call's reporting: its span (recording only with an SDK registered), its events and
 * its metrics. The layers below (cache, limits, retries) report to it as the call goes.
 */
export class CallTelemetry {
  /** The report of a call nobody observes (no SDK, no hook, no debug log): it does nothing. */
  static readonly silent = new CallTelemetry(undefined, 0, undefined, false, false, undefined);

  private readonly client: ClientTelemetry | undefined;
  private readonly span: Span | undefined;
  /** The span's context: the call runs in it, so that anything it starts is a child. */
  private readonly context: Context | undefined;
  private readonly metering: boolean;
  private readonly listening: boolean;
  private readonly base: CallEventBase;
  private readonly started: number;
  private readonly attributes: Attributes;
  private retries = 0;
  private retryReasons: string[] = [];
  private queuedMs = 0;
  private firstTokenAt: number | undefined;
  private ended = false;

  constructor(
    client: ClientTelemetry | undefined,
    readonly callId: number,
    description: CallDescription | undefined,
    tracing: boolean,
    metering: boolean,
    store: string | undefined,
  ) {
    this.client = client;
    this.metering = metering;
    this.listening = client?.listening ?? false;
    this.started = client === undefined ? 0 : performance.now();
    const { provider = '', model = '', agent } = description ?? {};
    this.base = { callId, provider, model, agent };
    // The attributes of the metrics, which the span carries too.
    this.attributes = {
      [genAi.operationName]: 'chat',
      [genAi.providerName]: provider,
      [genAi.requestModel]: model,
    };
    if (tracing && description !== undefined) {
      this.span = tracer.startSpan(`chat ${model}`, {
        kind: SpanKind.CLIENT,
        attributes: { ...this.attributes, ...requestAttributes(description, store) },
      });
      if (this.span.isRecording() && client?.recordContent === true) {
        const { systemInstructions, inputMessages } = requestContent(description.request);
        if (systemInstructions !== undefined) {
          this.span.setAttribute(genAi.systemInstructions, systemInstructions);
        }
        this.span.setAttribute(genAi.inputMessages, inputMessages);
      }
      this.context = trace.setSpan(context.active(), this.span);
    }
    if (this.listening && description !== undefined) {
      client?.emit({ type: 'request-start', ...this.base, stream: description.stream });
    }
  }

  /** Runs `fn` with this call's span active. */
  run<T>(fn: () => T): T {
    return this.context === undefined ? fn() : context.with(this.context, fn);
  }

  /** The span's context, for a link from a call that shares this one's request. */
  get spanContext() {
    return this.span?.spanContext();
  }

  /** How the call used the cache. */
  cacheResult(info: CacheInfo): void {
    if (this.client === undefined) return;
    if (this.span?.isRecording()) {
      this.span.setAttribute(kagura.cacheStatus, info.status);
      if (info.ageMs !== undefined) this.span.setAttribute(kagura.cacheAgeMs, info.ageMs);
    }
    if (this.metering)
      instruments().cacheCalls.add(1, { ...this.attributes, [kagura.cacheStatus]: info.status });
    if (this.listening) {
      this.client?.emit({
        type: 'cache-result',
        ...this.base,
        status: info.status,
        key: info.key,
        ageMs: info.ageMs,
      });
    }
  }

  /** The call joined `leader`'s request: its span links to the leader's. */
  joined(leader: CallTelemetry): void {
    if (this.client === undefined) return;
    const leaderContext = leader.spanContext;
    if (this.span?.isRecording() && leaderContext !== undefined) {
      const link: Link = { context: leaderContext, attributes: { 'kagura.link': 'coalesced' } };
      this.span.addLink(link);
      this.span.setAttribute(kagura.coalescedWith, leader.callId);
    }
    if (this.listening) {
      this.client?.emit({ type: 'coalesced-join', ...this.base, leaderCallId: leader.callId });
    }
  }

  /** The request waited at a limit. */
  limiterWait({
    gate,
    limit,
    waitedMs,
  }: Omit<LimiterWaitEvent, 'type' | keyof CallEventBase>): void {
    if (this.client === undefined) return;
    this.queuedMs += waitedMs;
    if (this.span?.isRecording()) {
      this.span.setAttribute(kagura.limitQueuedMs, Math.round(this.queuedMs));
      // Which limit held it, and how long: one event per wait.
      this.span.addEvent('kagura.limit_wait', {
        [kagura.limitGate]: gate,
        'kagura.limit.name': limit,
        'kagura.limit.waited_ms': Math.round(waitedMs),
      });
    }
    if (this.listening)
      this.client?.emit({ type: 'limiter-wait', ...this.base, gate, limit, waitedMs });
  }

  /** An attempt failed and another follows after `delayMs`. */
  retryScheduled(attempt: number, delayMs: number, error: unknown): void {
    if (this.client === undefined) return;
    const reason = errorTypeOf(error);
    this.retries += 1;
    this.retryReasons.push(reason);
    if (this.span?.isRecording()) {
      this.span.setAttribute(kagura.retryCount, this.retries);
      this.span.setAttribute(kagura.retryReasons, this.retryReasons);
      this.span.addEvent('kagura.retry', {
        attempt,
        'kagura.retry.delay_ms': delayMs,
        [genAi.errorType]: reason,
      });
    }
    if (this.metering)
      instruments().retries.add(1, { ...this.attributes, [genAi.errorType]: reason });
    if (this.listening) {
      this.client?.emit({ type: 'retry-scheduled', ...this.base, attempt, delayMs, reason, error });
    }
  }

  /** The stream's first text or tool call arrived. */
  firstToken(): void {
    if (this.client === undefined) return;
    if (this.firstTokenAt !== undefined) return;
    this.firstTokenAt = performance.now();
    const ms = this.firstTokenAt - this.started;
    if (this.span?.isRecording()) this.span.setAttribute(genAi.responseTimeToFirstChunk, ms / 1000);
    if (this.metering) instruments().timeToFirstChunk.record(ms / 1000, this.attributes);
    if (this.listening) this.client?.emit({ type: 'first-token', ...this.base, ms });
  }

  /** The call answered: ends the span and records the metrics. */
  finish(outcome: CallOutcome): void {
    if (this.client === undefined) return;
    if (this.ended) return;
    this.ended = true;
    const durationMs = performance.now() - this.started;
    const { usage, cost } = outcome;
    const { span } = this;
    if (span?.isRecording()) {
      span.setAttributes({
        [genAi.responseModel]: outcome.model,
        [genAi.responseFinishReasons]: [conventionFinishReason(outcome.finishReason)],
        [genAi.usageInputTokens]: usage.inputTokens,
        [genAi.usageOutputTokens]: usage.outputTokens,
        [genAi.usageCacheReadInputTokens]: usage.cachedInputTokens,
        [genAi.usageCacheCreationInputTokens]: usage.cacheWriteInputTokens ?? 0,
        [kagura.cacheStatus]: outcome.cache.status,
      });
      if (cost.priced)
        span.setAttributes({ [kagura.costUsd]: cost.usd, [kagura.costSavedUsd]: cost.savedUsd });
      if (this.client?.recordContent === true) {
        span.setAttribute(
          genAi.outputMessages,
          responseContent(outcome.text, outcome.toolCalls, outcome.finishReason),
        );
      }
    }
    if (this.metering) {
      const meters = instruments();
      const attributes = { ...this.attributes, [genAi.responseModel]: outcome.model };
      meters.operationDuration.record(durationMs / 1000, attributes);
      // Tokens the provider billed: none for an answer from the cache or shared.
      const served = outcome.cache.status === 'hit' || outcome.cache.status === 'coalesced';
      if (served) {
        meters.tokensSaved.add(usage.inputTokens + usage.outputTokens, this.attributes);
        if (cost.priced) meters.costSaved.add(cost.savedUsd, this.attributes);
      } else {
        meters.tokenUsage.record(usage.inputTokens, { ...attributes, [genAi.tokenType]: 'input' });
        meters.tokenUsage.record(usage.outputTokens, {
          ...attributes,
          [genAi.tokenType]: 'output',
        });
      }
    }
    span?.end();
    if (this.listening) {
      this.client?.emit({
        type: 'response',
        ...this.base,
        cache: outcome.cache.status,
        finishReason: outcome.finishReason,
        usage,
        cost,
        durationMs,
      });
    }
  }

  /**
   * The request asked for the provider's prompt cache: counts whether it read from it, wrote to
   * it or neither, and the tokens it read and wrote (`kagura.prompt_cache.*` metrics).
   */
  promptCacheUse(usage: Usage): void {
    if (!this.metering) return;
    const meters = instruments();
    const written = usage.cacheWriteInputTokens ?? 0;
    const status = usage.cachedInputTokens > 0 ? 'read' : written > 0 ? 'write' : 'none';
    // Per agent, so that each agent's hit rate shows.
    const { agent } = this.base;
    const attributes =
      agent === undefined ? this.attributes : { ...this.attributes, [kagura.agentName]: agent };
    meters.promptCacheRequests.add(1, { ...attributes, [kagura.promptCacheStatus]: status });
    if (usage.cachedInputTokens > 0) {
      meters.promptCacheTokens.add(usage.cachedInputTokens, {
        ...attributes,
        [kagura.promptCacheOperation]: 'read',
      });
    }
    if (written > 0) {
      meters.promptCacheTokens.add(written, {
        ...attributes,
        [kagura.promptCacheOperation]: 'write',
      });
    }
  }

  /**
   * The call should have read the provider's prompt cache and did not (call before `finish`):
   * why, on the span and as an event.
   */
  promptCacheMiss(difference: PromptPrefixDifference | undefined): void {
    if (this.client === undefined) return;
    const reason =
      difference === undefined
        ? 'the prompt prefix is unchanged: the prompt cache expired or was evicted, or the request reached another server'
        : describeDifference(difference);
    if (this.span?.isRecording()) this.span.setAttribute(kagura.promptCacheMiss, reason);
    if (this.listening) {
      this.client.emit({ type: 'prompt-cache-miss', ...this.base, difference, reason });
    }
  }

  /** The call failed: ends the span with the error. */
  fail(error: unknown): void {
    if (this.client === undefined) return;
    if (this.ended) return;
    this.ended = true;
    const durationMs = performance.now() - this.started;
    const errorType = errorTypeOf(error);
    if (this.span !== undefined) {
      failSpan(this.span, error);
      this.span.end();
    }
    if (this.metering) {
      instruments().operationDuration.record(durationMs / 1000, {
        ...this.attributes,
        [genAi.errorType]: errorType,
      });
    }
    if (this.listening) {
      this.client?.emit({ type: 'error', ...this.base, error, errorType, durationMs });
    }
  }
}

function requestAttributes(description: CallDescription, store: string | undefined): Attributes {
  const { request, stream, agent } = description;
  const attributes: Attributes = {};
  if (request.temperature !== undefined) attributes[genAi.requestTemperature] = request.temperature;
  if (request.topP !== undefined) attributes[genAi.requestTopP] = request.topP;
  if (request.maxTokens !== undefined) attributes[genAi.requestMaxTokens] = request.maxTokens;
  if (request.stop !== undefined) attributes[genAi.requestStopSequences] = request.stop;
  if (request.seed !== undefined) attributes[genAi.requestSeed] = request.seed;
  if (stream) attributes[genAi.requestStream] = true;
  if (request.responseFormat?.type === 'json') attributes[genAi.outputType] = 'json';
  if (agent !== undefined) attributes[kagura.agentName] = agent;
  if (store !== undefined) attributes[kagura.cacheStore] = store;
  return attributes;
}

/** Marks a span failed: `error.type`, an error status and the exception, secrets redacted. */
export function failSpan(span: Span, error: unknown): void {
  if (!span.isRecording()) return;
  const message = redactSecrets(error instanceof Error ? error.message : String(error));
  span.setAttribute(genAi.errorType, errorTypeOf(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message });
  if (error instanceof Error) {
    span.recordException({ name: error.name, message, stack: redactSecrets(error.stack ?? '') });
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return '"[not JSON]"';
  }
}
