// Operation spans: parallel helpers, workflows, routers and the supervisor as parents of the
// agent and model-call spans, so a multi-agent run reads as one tree. Read back from the OTel
// SDK's in-memory exporter, over the real SDK and HTTP against the simulator.

import { useSimulator } from '@kagura-ts/testing/vitest';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  type ClientOptions,
  createClient,
  defineAgent,
  defineTool,
  parallelGather,
  parallelMap,
  parallelMapUnordered,
} from 'kagura-ts';
import {
  AgentRouter,
  agentStep,
  createWorkflow,
  MemoryAwareRouter,
  MemoryManager,
  Supervisor,
} from 'kagura-ts/router';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useInMemoryTracing } from './use-in-memory-tracing.js';

const simulator = useSimulator();
const { exporter } = useInMemoryTracing();

const model = 'openai:gpt-4o-mini';

function client(options: Partial<ClientOptions> & Record<string, unknown> = {}) {
  return createClient({
    openai: { baseURL: simulator().openaiBaseURL, apiKey: 'sk-test' },
    anthropic: false,
    model,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
}

const spans = (): ReadableSpan[] => exporter.getFinishedSpans();
const named = (prefix: string) => spans().filter((span) => span.name.startsWith(prefix));
const one = (name: string): ReadableSpan => {
  const found = spans().filter((span) => span.name === name);
  expect(found.map((span) => span.name)).toEqual([name]);
  return found[0]!;
};
const parentOf = (span: ReadableSpan): ReadableSpan | undefined => {
  const id = span.parentSpanContext?.spanId;
  return spans().find((candidate) => candidate.spanContext().spanId === id);
};
/** The names from the span up to its root, e.g. ['chat gpt-4o-mini', 'invoke_agent a', ...]. */
const lineage = (span: ReadableSpan): string[] => {
  const names: string[] = [];
  for (let at: ReadableSpan | undefined = span; at !== undefined; at = parentOf(at)) {
    names.push(at.name);
  }
  return names;
};
const rootOf = (span: ReadableSpan): ReadableSpan => {
  const parent = parentOf(span);
  return parent === undefined ? span : rootOf(parent);
};
const chat = 'chat gpt-4o-mini';
const tracer = () => trace.getTracer('test');

describe('parallel spans', () => {
  it('should put the calls of parallelMap under one parallel_map span in the user span', async () => {
    const kagura = client();
    await tracer().startActiveSpan('handle request', async (parent) => {
      await parallelMap(['one', 'two', 'three'], (topic) => kagura.call(`Write about ${topic}.`), {
        concurrency: 2,
      });
      parent.end();
    });
    const map = one('parallel_map');
    expect(map.kind).toBe(SpanKind.INTERNAL);
    expect(map.attributes).toMatchObject({
      'kagura.parallel.items': 3,
      'kagura.parallel.concurrency': 2,
    });
    const calls = named('chat ');
    expect(calls).toHaveLength(3);
    for (const call of calls)
      expect(lineage(call)).toEqual([chat, 'parallel_map', 'handle request']);
  });

  it('should name parallelGather and parallelMapUnordered runs, and count an iterable at the end', async () => {
    const kagura = client();
    await parallelGather(
      () => kagura.call('First'),
      () => kagura.call('Second'),
    );
    const gather = one('parallel_gather');
    expect(gather.attributes['kagura.parallel.items']).toBe(2);
    // Unlimited concurrency is left out.
    expect(gather.attributes['kagura.parallel.concurrency']).toBeUndefined();
    for (const call of named('chat ')) expect(lineage(call)).toEqual([chat, 'parallel_gather']);

    exporter.reset();
    function* topics() {
      yield 'sea';
      yield 'sky';
    }
    // Made in one span and read in another: the span is a child of the caller's.
    const iteration = tracer().startActiveSpan('caller', (caller) => {
      const results = parallelMapUnordered(topics(), (topic) => kagura.call(`About ${topic}`), {
        concurrency: 1,
      });
      caller.end();
      return results;
    });
    await tracer().startActiveSpan('reader', async (reader) => {
      for await (const _result of iteration) {
        // Read slowly, from the reader's span: later tasks still start under the iteration's.
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      reader.end();
    });
    const unordered = one('parallel_map_unordered');
    expect(unordered.attributes).toMatchObject({
      'kagura.parallel.items': 2,
      'kagura.parallel.concurrency': 1,
    });
    expect(named('chat ').map(lineage)).toEqual([
      [chat, 'parallel_map_unordered', 'caller'],
      [chat, 'parallel_map_unordered', 'caller'],
    ]);
  });

  it('should fail the parallel span with the task error', async () => {
    await expect(
      parallelMap([1, 2], async (item) => {
        if (item === 2) throw new TypeError('bad item');
        return item;
      }),
    ).rejects.toThrow('bad item');
    const map = one('parallel_map');
    expect(map.status.code).toBe(SpanStatusCode.ERROR);
    expect(map.attributes['error.type']).toBe('TypeError');
  });

  it("should put a tool loop's tool spans beside its model calls, under no parallel span", async () => {
    const add = defineTool({
      name: 'add',
      description: 'Adds two numbers',
      parameters: z.object({ a: z.number(), b: z.number() }),
      execute: ({ a, b }) => a + b,
    });
    simulator().addRule({
      match: 'add them',
      times: 1,
      toolCalls: [
        { name: 'add', input: { a: 2, b: 3 } },
        { name: 'add', input: { a: 4, b: 5 } },
      ],
    });
    await tracer().startActiveSpan('handle request', async (parent) => {
      await client().call('Please add them', { tools: [add] });
      parent.end();
    });
    expect(named('parallel_')).toEqual([]);
    const tools = named('execute_tool');
    expect(tools).toHaveLength(2);
    for (const tool of tools) expect(lineage(tool)).toEqual(['execute_tool add', 'handle request']);
  });
});

describe('workflow spans', () => {
  function agents() {
    const kagura = client();
    const options = { client: kagura, model };
    return {
      weather: defineAgent('Weather for {{ query }}', { ...options, name: 'weather' }),
      sights: defineAgent('Sights in {{ query }}', { ...options, name: 'sights' }),
      plan: defineAgent('Write the plan: {{ weather }} {{ sights }}', {
        ...options,
        name: 'plan',
        stream: true,
      }),
    };
  }

  it('should read workflow, step, agent, model call, with a parallel step fanning out', async () => {
    const { weather, sights } = agents();
    const trip = createWorkflow<string>({ name: 'trip' })
      .parallel({ weather: agentStep(weather), sights: agentStep(sights) })
      .step(({ weather, sights }) => `${weather} / ${sights}`);
    await trip.run('Kyoto');
    const workflow = one('invoke_workflow trip');
    expect(workflow.kind).toBe(SpanKind.INTERNAL);
    expect(workflow.attributes).toMatchObject({
      'gen_ai.operation.name': 'invoke_workflow',
      'gen_ai.workflow.name': 'trip',
    });
    const fanOut = one('workflow_step parallel(weather, sights)');
    expect(fanOut.attributes['kagura.workflow.step']).toBe('parallel(weather, sights)');
    expect(one('workflow_step step 2').attributes['kagura.workflow.step']).toBe('step 2');
    expect(parentOf(one('workflow_step step 2'))).toBe(workflow);
    const calls = named('chat ');
    expect(calls).toHaveLength(2);
    expect(calls.map(lineage).sort()).toEqual([
      [
        chat,
        'invoke_agent sights',
        'parallel_map',
        'workflow_step parallel(weather, sights)',
        'invoke_workflow trip',
      ],
      [
        chat,
        'invoke_agent weather',
        'parallel_map',
        'workflow_step parallel(weather, sights)',
        'invoke_workflow trip',
      ],
    ]);
  });

  it('should keep a streaming workflow open until its stream ends', async () => {
    const { weather, sights, plan } = agents();
    const trip = createWorkflow<string>({ name: 'trip' })
      .parallel({ weather: agentStep(weather), sights: agentStep(sights) })
      .step(agentStep(plan));
    const stream = await trip.stream('Kyoto');
    expect(named('invoke_workflow')).toEqual([]);
    expect(named('workflow_step plan')).toEqual([]);
    await stream.text();
    await stream.response;
    await new Promise((resolve) => setImmediate(resolve));
    const workflow = one('invoke_workflow trip');
    const agent = one('invoke_agent plan');
    const planCall = named('chat ').find((call) => lineage(call).includes('invoke_agent plan'))!;
    expect(lineage(planCall)).toEqual([
      chat,
      'invoke_agent plan',
      'workflow_step plan',
      'invoke_workflow trip',
    ]);
    // Ended after the stream, not when `stream` returned (span clocks are too coarse to compare).
    expect(workflow.ended && agent.ended).toBe(true);
  });

  it('should fail the workflow and the step that threw', async () => {
    const broken = createWorkflow<string>({ name: 'broken' }).step(function explode() {
      throw new RangeError('no');
    });
    await expect(broken.run('x')).rejects.toThrow('no');
    expect(one('workflow_step explode').status.code).toBe(SpanStatusCode.ERROR);
    expect(one('invoke_workflow broken').status.code).toBe(SpanStatusCode.ERROR);
  });
});

describe('router spans', () => {
  function desk(options: ConstructorParameters<typeof AgentRouter>[0] = {}) {
    const kagura = client();
    const translate = defineAgent('Translate: {{ query }}', {
      client: kagura,
      model,
      name: 'translate',
    });
    const chat = defineAgent('{{ query }}', { client: kagura, model, name: 'chat' });
    return new AgentRouter({ client: kagura, ...options })
      .register(translate, { intents: ['translate'], keywords: ['french', 'spanish'] })
      .register(chat);
  }

  it('should record the decision on a route span, with the routed agent beneath it', async () => {
    const router = desk({ name: 'desk', fallback: 'chat' });
    const result = await router.run('Translate "good night" into French');
    const route = one('route desk');
    expect(route.kind).toBe(SpanKind.INTERNAL);
    expect(route.attributes).toMatchObject({
      'kagura.route.agent': 'translate',
      'kagura.route.confidence': result.confidence,
      'kagura.route.strategy': 'keyword',
      'kagura.route.fallback': false,
    });
    expect(route.attributes['kagura.route.classifier_error']).toBeUndefined();
    const [call] = named('chat ');
    expect(lineage(call!)).toEqual([chat, 'invoke_agent translate', 'route desk']);

    exporter.reset();
    await router.route('Translate this into Spanish');
    expect(spans().map((span) => span.name)).toEqual(['route desk']);
  });

  it('should say when the LLM classifier failed and the fallback answered', async () => {
    const router = desk({ strategy: 'llm', fallback: 'chat' });
    simulator().injectFault({ type: 'status', status: 400, times: 1 });
    const result = await router.run('Something else');
    expect(result.fallback).toBe(true);
    const route = one('route router');
    expect(route.attributes).toMatchObject({
      'kagura.route.agent': 'chat',
      'kagura.route.strategy': 'llm',
      'kagura.route.fallback': true,
      'kagura.route.classifier_error': '400',
    });
    // The failed classification and the fallback agent's call, both under the route.
    expect(named('chat ').map(lineage)).toEqual([
      [chat, 'route router'],
      [chat, 'invoke_agent chat', 'route router'],
    ]);
  });

  it('should fail the route span when no agent can take the query', async () => {
    await expect(desk().route('Nothing matches here')).rejects.toThrow();
    expect(one('route router').status.code).toBe(SpanStatusCode.ERROR);
  });

  it("should put a memory-aware router's analysis and routing under its route span", async () => {
    const chatRouter = new MemoryAwareRouter({ router: desk(), memory: new MemoryManager() });
    await chatRouter.run('Translate "good morning" into French');
    expect(lineage(named('chat ')[0]!)).toEqual([chat, 'invoke_agent translate', 'route router']);
    exporter.reset();
    const second = await chatRouter.run('What about Spanish?');
    expect(second.path).toBe('context');
    const routes = named('route router');
    const outer = routes.find((route) => parentOf(route) === undefined)!;
    expect(outer.attributes).toMatchObject({
      'kagura.route.agent': 'translate',
      'kagura.route.path': 'context',
      'kagura.route.uses_context': true,
    });
    const inner = routes.filter((route) => route !== outer);
    expect(inner.length).toBeGreaterThan(0);
    for (const route of inner) expect(rootOf(route)).toBe(outer);
    expect(inner.map(lineage)).toContainEqual(['route router', 'parallel_gather', 'route router']);
    expect(lineage(named('chat ')[0]!)).toEqual([chat, 'invoke_agent translate', 'route router']);
  });

  it("should put a supervisor's calls and its specialists beneath its invoke_agent span", async () => {
    const kagura = client();
    const population = defineAgent('Population of {{ query }}', {
      client: kagura,
      model,
      name: 'population',
      description: 'Population of a city',
    });
    const isSupervisor = (request: { system: string }) => request.system.includes('Specialists:');
    simulator().addRule({
      match: (request) => isSupervisor(request) && request.messages.length === 1,
      reply: '{"action":"call","agent":"population","input":"Lyon"}',
    });
    simulator().addRule({
      match: isSupervisor,
      reply: '{"action":"answer","agent":"population","input":"About 522,000."}',
    });
    const supervisor = new Supervisor({
      router: new AgentRouter().register(population),
      client: kagura,
      name: 'census',
    });
    const { answer } = await supervisor.run('How many people live in Lyon?');
    expect(answer).toBe('About 522,000.');
    const span = one('invoke_agent census');
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'census',
    });
    expect(named('chat ').map(lineage)).toEqual([
      [chat, 'invoke_agent census'],
      [chat, 'invoke_agent population', 'invoke_agent census'],
      [chat, 'invoke_agent census'],
    ]);
  });
});
