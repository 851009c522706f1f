import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AggregationTemporality,
  MeterProvider,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { timeUs } from './clock.js';
import { benchApiKey, benchModel } from './systems/bench-system.js';

/** How the parent sets up one configuration of the telemetry row (in `BENCH_TELEMETRY_CHILD`). */
export interface TelemetryChildSetup {
  /** The simulator's OpenAI base URL. */
  openaiBaseURL: string;
  /** Registers an OpenTelemetry SDK (tracer, meter and context manager) before the client exists. */
  sdk: boolean;
  /** Passes `telemetry: { enabled: false }` to `createClient`. */
  clientTelemetryDisabled: boolean;
  /** The module `createClient` and `callLLM` come from (another checkout's core, for a baseline). */
  coreModule: string;
  /** The module `createOpenAI` comes from. */
  openaiModule: string;
  /** The periodic metric reader's export interval, in milliseconds. */
  metricIntervalMs: number;
}

/** A request from the parent: run calls and send back their durations in microseconds. */
export type TelemetryChildCommand =
  | { kind: 'hit' | 'miss'; warmupCalls: number; warmupMs: number; calls: number; discard: number }
  | { kind: 'finish' };

/** What the child sends back. */
export type TelemetryChildReply =
  | { kind: 'ready' }
  | { kind: 'samples'; samples: number[] }
  | { kind: 'finished'; calls: number; spansExported: number; metricExports: number };

type Core = typeof import('@kagura-ts/core');
type OpenAIAdapter = typeof import('@kagura-ts/openai');

const setup = JSON.parse(process.env.BENCH_TELEMETRY_CHILD ?? '{}') as TelemetryChildSetup;
const send = (reply: TelemetryChildReply) => process.send?.(reply);

// Exporters that drop what they get: the SDK's work (recording, batching, collecting) is
// measured, not a backend's serialisation or network.
let spansExported = 0;
let metricExports = 0;
const spanExporter: SpanExporter = {
  export(spans, done) {
    spansExported += spans.length;
    done({ code: 0 });
  },
  async shutdown() {},
};
const metricExporter: PushMetricExporter = {
  export(_metrics, done) {
    metricExports += 1;
    done({ code: 0 });
  },
  async forceFlush() {},
  async shutdown() {},
  selectAggregationTemporality: () => AggregationTemporality.CUMULATIVE,
};

const tracerProvider = setup.sdk
  ? new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(spanExporter)] })
  : undefined;
const meterProvider = setup.sdk
  ? new MeterProvider({
      readers: [
        new PeriodicExportingMetricReader({
          exporter: metricExporter,
          exportIntervalMillis: setup.metricIntervalMs,
        }),
      ],
    })
  : undefined;
if (tracerProvider !== undefined && meterProvider !== undefined) {
  // What an application's tracing setup does (NodeSDK / NodeTracerProvider.register()).
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
}

const core = (await import(setup.coreModule)) as Core;
const adapter = (await import(setup.openaiModule)) as OpenAIAdapter;
const client = core.createClient({
  providers: {
    openai: adapter.createOpenAI({ baseURL: setup.openaiBaseURL, apiKey: benchApiKey }),
  },
  model: `openai:${benchModel}`,
  cache: { store: 'memory', ttl: 0 },
  ...(setup.clientTelemetryDisabled && { telemetry: { enabled: false } }),
});

const system = 'You are a concise assistant.';
const hitPrompts = Array.from(
  { length: 100 },
  (_, index) => `telemetry hit ${index}: summarise the release notes of version ${index}.`,
);
for (const prompt of hitPrompts) await core.callLLM(prompt, { client, system });
let calls = hitPrompts.length;

// Every configuration sends the same prompts in the same order (each process has its own
// cache), so that the simulator's replies, which depend on the prompt, are the same too.
function call(kind: 'hit' | 'miss', index: number): Promise<number> {
  calls += 1;
  const prompt =
    kind === 'hit'
      ? (hitPrompts[index % hitPrompts.length] as string)
      : `miss ${index}: what changed in release ${index}?`;
  return timeUs(() => core.callLLM(prompt, { client, system }));
}

let hitCalls = 0;
let missCalls = 0;
process.on('message', async (command: TelemetryChildCommand) => {
  if (command.kind === 'finish') {
    await tracerProvider?.forceFlush();
    await meterProvider?.forceFlush();
    send({ kind: 'finished', calls, spansExported, metricExports });
    await client.cache?.disconnect();
    await tracerProvider?.shutdown();
    await meterProvider?.shutdown();
    process.disconnect();
    return;
  }
  const next = () => (command.kind === 'hit' ? call('hit', hitCalls++) : call('miss', missCalls++));
  const started = performance.now();
  for (
    let index = 0;
    index < command.warmupCalls || performance.now() - started < command.warmupMs;
    index += 1
  ) {
    await next();
  }
  for (let index = 0; index < command.discard; index += 1) await next();
  const samples: number[] = [];
  for (let index = 0; index < command.calls; index += 1) samples.push(await next());
  send({ kind: 'samples', samples });
});
send({ kind: 'ready' });
