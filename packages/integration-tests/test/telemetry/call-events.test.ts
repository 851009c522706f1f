// The events a client reports to onEvent and the debug log, with no OpenTelemetry SDK at all.
import { useSimulator } from '@kagura-ts/testing/vitest';
import { type ClientOptions, createClient, defineTool, type KaguraEvent } from 'kagura-ts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

const simulator = useSimulator();
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

function recorded(options: Partial<ClientOptions> = {}) {
  const events: KaguraEvent[] = [];
  const client = createClient({
    openai: { baseURL: simulator().openaiBaseURL, apiKey: 'sk-test-events-0123456789' },
    anthropic: false,
    model: 'openai:gpt-4o-mini',
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    onEvent: (event) => events.push(event),
    ...options,
  });
  return { client, events, types: () => events.map((event) => event.type) };
}

describe('onEvent', () => {
  it('should report a miss, then a hit, with one call id per call', async () => {
    const { client, events, types } = recorded();
    await client.call('Hello there');
    await client.call('Hello there');
    expect(types()).toEqual([
      'request-start',
      'cache-result',
      'response',
      'request-start',
      'cache-result',
      'response',
    ]);
    const [first, , , second] = events;
    expect(first!.type === 'request-start' && second!.type === 'request-start').toBe(true);
    const ids = new Set(events.map((event) => ('callId' in event ? event.callId : 0)));
    expect(ids.size).toBe(2);
    const results = events.filter((event) => event.type === 'cache-result');
    expect(results.map((event) => event.status)).toEqual(['miss', 'hit']);
    const responses = events.filter((event) => event.type === 'response');
    expect(responses[1]).toMatchObject({ cache: 'hit', cost: { usd: 0, priced: true } });
  });

  it('should report a retry with its reason and delay, and a final error', async () => {
    simulator().injectFault({ type: 'status', status: 503, times: 1 });
    const { client, events } = recorded();
    await client.call('Retried');
    const retry = events.find((event) => event.type === 'retry-scheduled');
    expect(retry).toMatchObject({ attempt: 1, reason: '503' });
    simulator().injectFault({ type: 'status', status: 401, times: 1 });
    await expect(client.call('Refused', { cache: false })).rejects.toThrow();
    expect(events.at(-1)).toMatchObject({ type: 'error', errorType: '401' });
  });

  it("should report a stream's first token, a coalesced join and a wait at a limit", async () => {
    simulator().setLatency({ timeToFirstTokenMs: 30, tokensPerSecond: 2000 });
    const { client, events } = recorded({ limits: { openai: { concurrency: 1 } } });
    await client.stream('Streamed').text();
    expect(events.some((event) => event.type === 'first-token')).toBe(true);
    await Promise.all([client.call('Twice'), client.call('Twice'), client.call('Another')]);
    const join = events.find((event) => event.type === 'coalesced-join');
    expect(join).toBeDefined();
    const wait = events.find((event) => event.type === 'limiter-wait');
    expect(wait).toMatchObject({ gate: 'openai', limit: 'concurrency' });
  });

  it('should never fail a call because the hook threw', async () => {
    const client = createClient({
      openai: { baseURL: simulator().openaiBaseURL, apiKey: 'sk-test' },
      anthropic: false,
      model: 'openai:gpt-4o-mini',
      onEvent: () => {
        throw new Error('a broken logger');
      },
    });
    await expect(client.call('Still answered')).resolves.toMatchObject({ finishReason: 'stop' });
  });
});

describe('costs and usage of a tool loop', () => {
  it('should give a streamed loop its steps, and sum usage and cost as a plain loop does', async () => {
    const add = defineTool({
      name: 'add',
      parameters: z.object({ a: z.number(), b: z.number() }),
      execute: ({ a, b }) => a + b,
    });
    const script = () =>
      simulator().addRule({
        match: 'sum it',
        times: 1,
        toolCalls: [{ name: 'add', input: { a: 1, b: 2 } }],
      });
    const { client, events } = recorded();
    script();
    const plain = await client.call('Please sum it', { tools: [add], cache: false });
    script();
    const streamed = await client.stream('Please sum it', { tools: [add], cache: false }).response;
    for (const response of [plain, streamed]) {
      expect(response.steps).toHaveLength(2);
      const [first, second] = response.steps!;
      expect(response.usage.inputTokens).toBe(first!.usage.inputTokens + second!.usage.inputTokens);
      expect(response.cost.usd).toBeCloseTo(first!.cost.usd + second!.cost.usd, 12);
      expect(response.cost.usd).toBeGreaterThan(0);
    }
    expect(streamed.steps!.map((step) => step.toolResults.length)).toEqual([1, 0]);
    expect(events.filter((event) => event.type === 'tool-result')).toHaveLength(2);
  });
});

describe('the debug log', () => {
  it('should write one line per event to stderr with DEBUG=kagura:*, and never the key', async () => {
    vi.stubEnv('DEBUG', 'kagura:*');
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const { client } = recorded();
    await client.call('Logged');
    await client.call('Logged');
    expect(lines.some((line) => /^kagura:call #\d+ start openai:gpt-4o-mini/.test(line))).toBe(
      true,
    );
    expect(lines.some((line) => /^kagura:cache #\d+ hit age=\d+ms/.test(line))).toBe(true);
    expect(lines.join('')).not.toContain('sk-test-events');
    expect(lines.join('')).not.toContain('Logged');
  });
});
