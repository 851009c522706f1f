import {
  type Counter,
  createNoopMeter,
  type Histogram,
  type MeterProvider,
  metrics,
  type ObservableGauge,
  type ObservableResult,
  ProxyTracerProvider,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { durationBuckets, genAiMetrics, tokenBuckets } from './gen-ai-names.js';

/** The instrumentation scope of Kagura's spans and metrics. */
export const instrumentationScope = { name: '@kagura-ts/core', version: '0.1.0' } as const;

/**
 * The tracer. The API hands out a proxy that starts recording once an SDK is registered,
 * whenever that happens; until then its spans are non-recording and cost next to nothing.
 */
export const tracer: Tracer = trace.getTracer(
  instrumentationScope.name,
  instrumentationScope.version,
);

/**
 * Whether an OpenTelemetry SDK records traces now. Without one, calls skip their spans
 * altogether (a non-recording span still costs its attributes and a context). Asked per call:
 * an SDK may register at any time.
 */
export function tracingActive(): boolean {
  const provider = trace.getTracerProvider();
  // Another copy of the API registered its own provider: assume it records.
  if (!(provider instanceof ProxyTracerProvider)) return true;
  return (
    provider.getDelegateTracer(instrumentationScope.name, instrumentationScope.version) !==
    undefined
  );
}

/** Kagura's metric instruments. */
export interface Instruments {
  /** Whether a meter provider is registered (otherwise every instrument is a no-op). */
  active: boolean;
  tokenUsage: Histogram;
  operationDuration: Histogram;
  timeToFirstChunk: Histogram;
  cacheCalls: Counter;
  storeErrors: Counter;
  retries: Counter;
  tokensSaved: Counter;
  costSaved: Counter;
  promptCacheRequests: Counter;
  promptCacheTokens: Counter;
  queued: ObservableGauge;
}

/** Something whose queued requests the `kagura.limit.queued` gauge reports. */
export type QueueSource = () => Iterable<{ gate: string; queued: number }>;

let bound: { provider: MeterProvider; instruments: Instruments } | undefined;
const queueSources = new Set<WeakRef<{ queued: QueueSource }>>();

/**
 * The instruments of the meter provider registered now. Unlike tracers, meters do not follow a
 * provider registered later, so they are made again when the global provider changes.
 */
export function instruments(): Instruments {
  const provider = metrics.getMeterProvider();
  if (bound?.provider !== provider) bound = { provider, instruments: createInstruments(provider) };
  return bound.instruments;
}

/** Reports `owner.queued()` in the queued-requests gauge while `owner` is alive. */
export function observeQueues(owner: { queued: QueueSource }): void {
  queueSources.add(new WeakRef(owner));
}

function createInstruments(provider: MeterProvider): Instruments {
  const meter = provider.getMeter(instrumentationScope.name, instrumentationScope.version);
  const active = meter !== createNoopMeter();
  const queued = meter.createObservableGauge('kagura.limit.queued', {
    description: 'Requests waiting at a client limit (concurrency or a per-minute budget).',
    unit: '{request}',
  });
  queued.addCallback((result: ObservableResult) => {
    for (const reference of queueSources) {
      const owner = reference.deref();
      if (owner === undefined) {
        queueSources.delete(reference);
        continue;
      }
      for (const { gate, queued: count } of owner.queued()) {
        result.observe(count, { 'kagura.limit.gate': gate });
      }
    }
  });
  return {
    active,
    tokenUsage: meter.createHistogram(genAiMetrics.tokenUsage, {
      description: 'Tokens used per model call, by type (input, output).',
      unit: '{token}',
      advice: { explicitBucketBoundaries: tokenBuckets },
    }),
    operationDuration: meter.createHistogram(genAiMetrics.operationDuration, {
      description: 'Duration of model calls, cache hits included.',
      unit: 's',
      advice: { explicitBucketBoundaries: durationBuckets },
    }),
    timeToFirstChunk: meter.createHistogram(genAiMetrics.timeToFirstChunk, {
      description: 'Time from the start of a stream call to its first text or tool call.',
      unit: 's',
      advice: { explicitBucketBoundaries: durationBuckets },
    }),
    cacheCalls: meter.createCounter('kagura.cache.calls', {
      description: 'Calls by how they used the response cache (kagura.cache.status).',
      unit: '{call}',
    }),
    storeErrors: meter.createCounter('kagura.cache.store_errors', {
      description: 'Cache store operations that failed or timed out (each read as a miss).',
      unit: '{error}',
    }),
    retries: meter.createCounter('kagura.retries', {
      description: 'Requests retried, by reason.',
      unit: '{retry}',
    }),
    tokensSaved: meter.createCounter('kagura.cache.tokens_saved', {
      description: 'Tokens not sent to the provider: answers served from the cache or shared.',
      unit: '{token}',
    }),
    costSaved: meter.createCounter('kagura.cache.cost_saved', {
      description: 'List price of the answers served from the cache or shared.',
      unit: 'USD',
    }),
    promptCacheRequests: meter.createCounter('kagura.prompt_cache.requests', {
      description:
        "Requests that asked for the provider's prompt cache, by whether they read from it, wrote to it or neither (kagura.prompt_cache.status: read, write, none).",
      unit: '{request}',
    }),
    promptCacheTokens: meter.createCounter('kagura.prompt_cache.tokens', {
      description:
        "Prompt tokens read from or written to the provider's prompt cache (kagura.prompt_cache.operation: read, write).",
      unit: '{token}',
    }),
    queued,
  };
}
