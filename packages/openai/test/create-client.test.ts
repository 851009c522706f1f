import { AbortError, createClient, InvalidArgumentError, TimeoutError } from '@kagura-ts/core';
import { type Simulator, startSimulator } from '@kagura-ts/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAI } from '../src/index.js';

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator({ latency: 'none' });
});
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

function client() {
  return createClient({
    providers: {
      openai: createOpenAI({ baseURL: simulator.openaiBaseURL, apiKey: 'sk-test' }),
      ollama: createOpenAI({ name: 'ollama', baseURL: simulator.openaiBaseURL }),
    },
    model: 'gpt-4o-mini',
  });
}

describe('createClient with OpenAI providers', () => {
  it('should route bare OpenAI names to openai and prefixed names to the compatible server', async () => {
    const kagura = client();
    const openai = await kagura.call('Hello', { system: 'Be brief.' });
    const ollama = await kagura.call('Hello', { model: 'ollama:llama3.2:3b' });
    expect(openai.provider).toBe('openai');
    expect(ollama.provider).toBe('ollama');
    expect(simulator.requests.map((request) => (request.body as { model: string }).model)).toEqual([
      'gpt-4o-mini',
      'llama3.2:3b',
    ]);
  });

  it('should stream through LLMStream and close the request when the reader breaks', async () => {
    simulator.setLatency({ timeToFirstTokenMs: 0, tokensPerSecond: 20 });
    const stream = client().stream('Tell me a long story.');
    for await (const _delta of stream) break;
    await simulator.waitFor((requests) => requests[0]?.disconnected === true);
    const error = await stream.response.catch((error: unknown) => error);
    expect(AbortError.isInstance(error)).toBe(true);
  });

  it('should give the whole streamed text and usage once the stream ends', async () => {
    const kagura = client();
    const generated = await kagura.call('Tell me a story.');
    const stream = kagura.stream('Tell me a story.');
    expect(await stream.text()).toBe(generated.text);
    expect(await stream.usage).toEqual(generated.usage);
  });
});

describe('createClient with a malformed model name', () => {
  it.each([
    ['a doubled colon', 'openai::gpt-4o-mini'],
    ['a space after the colon', 'openai: gpt-4o-mini'],
    ['a trailing newline', 'openai:gpt-4o-mini\n'],
    ['embedded spaces', 'gpt 4o mini'],
    ['100,000 characters', 'x'.repeat(100_000)],
    ['a number', 42],
  ])(
    'should refuse a model with %s before any request, for calls and streams',
    async (_what, model) => {
      const kagura = client();
      const call = await kagura
        .call('Hello', { model: model as string })
        .catch((error: unknown) => error);
      expect(InvalidArgumentError.isInstance(call)).toBe(true);
      // A stream refuses bad settings when it is created, as it does every other bad input.
      expect(() => kagura.stream('Hello', { model: model as string })).toThrow(
        InvalidArgumentError,
      );
      expect(simulator.requests).toHaveLength(0);
    },
  );
});

function circularOptions(): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  options.self = options;
  return { openai: options };
}

describe('createClient with malformed settings', () => {
  it.each([
    ['maxTokens: 1e12', { maxTokens: 1e12 }],
    ['stop: 123', { stop: 123 }],
    ['stop: [1, 2]', { stop: [1, 2] }],
    ['stop: {}', { stop: {} }],
    ['retry.maxRetries: -1', { retry: { maxRetries: -1 } }],
    ["retry.maxRetries: '3'", { retry: { maxRetries: '3' } }],
    ['retry.baseDelayMs: -5', { retry: { baseDelayMs: -5 } }],
    ['timeout.totalMs: 0', { timeout: { totalMs: 0 } }],
    ["timeout.totalMs: '5000'", { timeout: { totalMs: '5000' } }],
    ['timeout.firstTokenMs: NaN', { timeout: { firstTokenMs: Number.NaN } }],
    ['a BigInt in providerOptions', { providerOptions: { openai: { budget: 10n } } }],
    ['a circular providerOptions', { providerOptions: circularOptions() }],
  ])('should refuse %s before any request', async (_what, settings) => {
    const error = await client()
      .call('Hello', settings as object)
      .catch((error: unknown) => error);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(simulator.requests).toHaveLength(0);
  });
});

describe('createClient time limits', () => {
  it('should refuse bad client-wide retry and timeout settings when the client is created', () => {
    const create = (options: object) => () =>
      createClient({
        providers: { openai: createOpenAI({ baseURL: simulator.openaiBaseURL, apiKey: 'k' }) },
        ...options,
      });
    expect(create({ retry: { maxRetries: Number.NaN } })).toThrow(InvalidArgumentError);
    expect(create({ timeout: { totalMs: -1 } })).toThrow(/timeout.totalMs/);
  });

  it('should apply firstTokenMs to a plain call: the time to its whole reply', async () => {
    simulator.setLatency({ timeToFirstTokenMs: 400, tokensPerSecond: 10_000 });
    const error = await client()
      .call('Hello', { timeout: { firstTokenMs: 50 }, retry: { maxRetries: 0 }, cache: false })
      .catch((error: unknown) => error);
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ timeout: 'first-token' });
  });
});

describe('createClient with values JSON cannot carry', () => {
  it('should refuse a BigInt or a circular value in a message before any request, cached or not', async () => {
    const input: Record<string, unknown> = { n: 1 };
    input.self = input;
    for (const cache of [undefined, false] as const) {
      for (const value of [{ n: 10n }, input]) {
        const error = await client()
          .call(
            [
              { role: 'user', content: 'Add them.' },
              {
                role: 'assistant',
                content: [{ type: 'tool-call', toolCallId: 't1', toolName: 'add', input: value }],
              },
              {
                role: 'tool',
                content: [{ type: 'tool-result', toolCallId: 't1', toolName: 'add', output: 3 }],
              },
            ],
            { cache },
          )
          .catch((error: unknown) => error);
        expect(InvalidArgumentError.isInstance(error)).toBe(true);
        expect((error as InvalidArgumentError).argument).toMatch(
          /^prompt\[1\]\.content\[0\]\.input/,
        );
      }
    }
    expect(simulator.requests).toHaveLength(0);
  });
});
