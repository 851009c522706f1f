// Kagura's OpenTelemetry spans and metrics, read back from the OTel SDK's in-memory exporter and
// a pull metric reader: what a user who registers an SDK sees, over the real SDKs and HTTP.

import { useSimulator } from '@kagura-ts/testing/vitest';
import { type Attributes, metrics, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  AggregationTemporality,
  type DataPoint,
  type Histogram,
  MeterProvider,
  MetricReader,
} from '@opentelemetry/sdk-metrics';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  type ClientOptions,
  createClient,
  defineTool,
  type KaguraEvent,
  parallelMap,
} from 'kagura-ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useInMemoryTracing } from './use-in-memory-tracing.js';

const simulator = useSimulator();
const { exporter } = useInMemoryTracing();

class PullReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected async onShutdown(): Promise<void> {}
  protected async onForceFlush(): Promise<void> {}
}
const reader = new PullReader();
const meterProvider = new MeterProvider({ readers: [reader] });

beforeAll(() => metrics.setGlobalMeterProvider(meterProvider));
afterAll(async () => {
  await meterProvider.shutdown();
  metrics.disable();
});

const apiKey = 'sk-test-do-not-leak-0123456789';

function client(options: Partial<ClientOptions> & Record<string, unknown> = {}) {
  return createClient({
    openai: { baseURL: simulator().openaiBaseURL, apiKey },
    anthropic: false,
    model: 'openai:gpt-4o-mini',
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
}

const spans = (): ReadableSpan[] => exporter.getFinishedSpans();
const named = (prefix: string) => spans().filter((span) => span.name.startsWith(prefix));
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe('model-call spans', () => {
  it('should follow the GenAI conventions for a miss, and show the hit that follows', async () => {
    const kagura = client();
    const first = await kagura.call('Describe the sea.', { temperature: 0.2, maxTokens: 50 });
    const again = await kagura.call('Describe the sea.', { temperature: 0.2, maxTokens: 50 });
    expect(again.cache.status).toBe('hit');
    const [miss, hit] = named('chat ');
    expect(miss?.name).toBe('chat gpt-4o-mini');
    expect(miss?.kind).toBe(SpanKind.CLIENT);
    expect(miss?.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.max_tokens': 50,
      'gen_ai.response.model': first.model,
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': first.usage.inputTokens,
      'gen_ai.usage.output_tokens': first.usage.outputTokens,
      'gen_ai.usage.cache_read.input_tokens': first.usage.cachedInputTokens,
      'kagura.cache.status': 'miss',
      'kagura.cache.store': 'memory',
      'kagura.cost.usd': first.cost.usd,
    });
    expect(first.cost.usd).toBeGreaterThan(0);
    expect(hit?.attributes).toMatchObject({ 'kagura.cache.status': 'hit', 'kagura.cost.usd': 0 });
    expect(hit?.attributes['kagura.cost.saved_usd']).toBe(first.cost.usd);
    expect(typeof hit?.attributes['kagura.cache.age_ms']).toBe('number');
    expect(again.cost).toEqual({ usd: 0, savedUsd: first.cost.usd, priced: true });
  });

  it('should record no prompt or answer unless asked, and never a credential', async () => {
    await client().call('A secret prompt', { system: 'A secret system prompt' });
    const [quiet] = named('chat ');
    expect(Object.keys(quiet!.attributes).filter((name) => name.includes('messages'))).toEqual([]);
    exporter.reset();
    await client({ telemetry: { recordContent: true } }).call('An open prompt', {
      system: 'Be brief.',
    });
    const [open] = named('chat ');
    expect(JSON.parse(String(open!.attributes['gen_ai.input.messages']))).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'An open prompt' }] },
    ]);
    expect(JSON.parse(String(open!.attributes['gen_ai.system_instructions']))).toEqual([
      { type: 'text', content: 'Be brief.' },
    ]);
    const output = JSON.parse(String(open!.attributes['gen_ai.output.messages']));
    expect(output[0]).toMatchObject({ role: 'assistant', finish_reason: 'stop' });
    const everything = JSON.stringify(
      spans().map(({ attributes, events }) => ({ attributes, events })),
    );
    expect(everything).not.toContain(apiKey);
    expect(everything).not.toContain(simulator().openaiBaseURL);
  });

  it("should be a child of the user's span, and keep the parent through parallelMap", async () => {
    const kagura = client();
    const tracer = trace.getTracer('test');
    await tracer.startActiveSpan('handle request', async (parent) => {
      await parallelMap(['one', 'two', 'three'], (topic) => kagura.call(`Write about ${topic}.`), {
        concurrency: 2,
      });
      parent.end();
    });
    const [parent] = named('handle request');
    const calls = named('chat ');
    expect(calls).toHaveLength(3);
    for (const call of calls)
      expect(call.spanContext().traceId).toBe(parent!.spanContext().traceId);
    const direct = new Set(calls.map(parentOf));
    // Directly under the user's span, or under the parallel map's own span beneath it.
    for (const id of direct) {
      const holder = spans().find((span) => span.spanContext().spanId === id);
      expect(holder === parent || parentOf(holder!) === parent!.spanContext().spanId).toBe(true);
    }
  });

  it('should link a coalesced call to the call whose request it shared', async () => {
    simulator().setLatency({ timeToFirstTokenMs: 30, tokensPerSecond: 1000 });
    const kagura = client();
    const [leader, joiner] = await Promise.all([
      kagura.call('Same question'),
      kagura.call('Same question'),
    ]);
    expect([leader.cache.status, joiner.cache.status]).toEqual(['miss', 'coalesced']);
    const [leaderSpan, joinerSpan] = named('chat ');
    const leaderContext = (
      leaderSpan!.attributes['kagura.cache.status'] === 'miss' ? leaderSpan : joinerSpan
    )!;
    const joined = leaderContext === leaderSpan ? joinerSpan! : leaderSpan!;
    expect(joined.attributes['kagura.cache.status']).toBe('coalesced');
    expect(joined.links.map((link) => link.context.spanId)).toEqual([
      leaderContext.spanContext().spanId,
    ]);
    expect(simulator().requests).toHaveLength(1);
  });

  it('should count retries and say why, and end a failed call with its error', async () => {
    simulator().injectFault({ type: 'status', status: 429, times: 1 });
    await client().call('Retried once');
    const [retried] = named('chat ');
    expect(retried!.attributes).toMatchObject({
      'kagura.retry.count': 1,
      'kagura.retry.reasons': ['429'],
    });
    exporter.reset();
    simulator().injectFault({ type: 'status', status: 400, times: 1 });
    await expect(client().call('Refused')).rejects.toThrow();
    const [failed] = named('chat ');
    expect(failed!.status.code).toBe(SpanStatusCode.ERROR);
    expect(failed!.attributes['error.type']).toBe('400');
    expect(failed!.events.map((event) => event.name)).toContain('exception');
  });

  it('should say how long a call waited at which limit', async () => {
    simulator().setLatency({ timeToFirstTokenMs: 30, tokensPerSecond: 1000 });
    const kagura = client({ limits: { openai: { concurrency: 1 } } });
    await Promise.all([kagura.call('First in line'), kagura.call('Second in line')]);
    const waited = named('chat ').find(
      (span) => span.attributes['kagura.limit.queued_ms'] !== undefined,
    );
    expect(
      waited?.events.find((event) => event.name === 'kagura.limit_wait')?.attributes,
    ).toMatchObject({
      'kagura.limit.gate': 'openai',
      'kagura.limit.name': 'concurrency',
    });
  });

  it('should give a stream its time to first chunk', async () => {
    const stream = client().stream('Stream a story.');
    await stream.text();
    const [streamed] = named('chat ');
    expect(streamed!.attributes['gen_ai.request.stream']).toBe(true);
    expect(streamed!.attributes['gen_ai.response.time_to_first_chunk']).toBeGreaterThan(0);
    expect(streamed!.attributes['kagura.cache.status']).toBe('miss');
  });
});

describe('tool spans', () => {
  it('should run each tool in an execute_tool span beside the model calls', async () => {
    const add = defineTool({
      name: 'add',
      description: 'Adds two numbers',
      parameters: z.object({ a: z.number(), b: z.number() }),
      execute: ({ a, b }) => a + b,
    });
    simulator().addRule({
      match: 'add them',
      times: 1,
      toolCalls: [{ name: 'add', input: { a: 2, b: 3 } }],
    });
    const events: KaguraEvent[] = [];
    const response = await client({ onEvent: (event) => events.push(event) }).call(
      'Please add them',
      {
        tools: [add],
      },
    );
    expect(response.steps).toHaveLength(2);
    const [tool] = named('execute_tool');
    expect(tool?.name).toBe('execute_tool add');
    expect(tool?.attributes).toMatchObject({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'add',
      'gen_ai.tool.type': 'function',
      'gen_ai.tool.description': 'Adds two numbers',
    });
    expect(tool?.attributes['gen_ai.tool.call.arguments']).toBeUndefined();
    expect(named('chat ')).toHaveLength(2);
    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['tool-call', 'tool-result']),
    );
    // The loop's cost is its turns' costs added up.
    const turns = response.steps!.map((step) => step.cost.usd);
    expect(response.cost.usd).toBeCloseTo(turns[0]! + turns[1]!, 12);
  });
});

describe('metrics', () => {
  function points(name: string): Array<DataPoint<number | Histogram>> {
    return lastCollection.flatMap((scope) =>
      scope.metrics
        .filter((metric) => metric.descriptor.name === name)
        .flatMap((metric) => metric.dataPoints as Array<DataPoint<number | Histogram>>),
    );
  }
  let lastCollection: Awaited<
    ReturnType<MetricReader['collect']>
  >['resourceMetrics']['scopeMetrics'] = [];

  it('should record token usage, durations and cache outcomes', async () => {
    const kagura = client();
    await kagura.call('Measured');
    await kagura.call('Measured');
    lastCollection = (await reader.collect()).resourceMetrics.scopeMetrics;
    const tokenTypes = points('gen_ai.client.token.usage').map(
      (point) => point.attributes['gen_ai.token.type'],
    );
    expect(tokenTypes).toEqual(expect.arrayContaining(['input', 'output']));
    expect(points('gen_ai.client.operation.duration').length).toBeGreaterThan(0);
    const statuses = points('kagura.cache.calls').map(
      (point) =>
        [point.attributes['kagura.cache.status'], point.value] as [Attributes[string], unknown],
    );
    expect(statuses).toEqual(expect.arrayContaining([expect.arrayContaining(['hit'])]));
    expect(points('kagura.cache.tokens_saved').length).toBeGreaterThan(0);
  });
  it("should count each agent's prompt-cache reads and writes", async () => {
    const kagura = createClient({
      openai: false,
      anthropic: { baseURL: simulator().anthropicBaseURL, apiKey },
      model: 'anthropic:claude-sonnet-4-6',
      cache: false,
    });
    const system = 'You answer for the travel desk of Kyoto station, in one sentence. '.repeat(120);
    await kagura.call('Where is the bus stop?', { system, agentName: 'desk' });
    await kagura.call('And the taxis?', { system, agentName: 'desk' });
    lastCollection = (await reader.collect()).resourceMetrics.scopeMetrics;
    const requests = points('kagura.prompt_cache.requests')
      .filter((point) => point.attributes['kagura.agent.name'] === 'desk')
      .map((point) => [point.attributes['kagura.prompt_cache.status'], point.value]);
    expect(requests).toEqual(
      expect.arrayContaining([
        ['write', 1],
        ['read', 1],
      ]),
    );
    const tokens = points('kagura.prompt_cache.tokens').filter(
      (point) => point.attributes['kagura.agent.name'] === 'desk',
    );
    const operations = tokens.map((point) => point.attributes['kagura.prompt_cache.operation']);
    expect(operations.sort()).toEqual(['read', 'write']);
    expect(kagura.promptCacheStats().byAgent).toEqual([
      expect.objectContaining({ agent: 'desk', requests: 2, reads: 1, hitRate: 0.5 }),
    ]);
  });
});
