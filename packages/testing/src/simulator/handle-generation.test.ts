import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Simulator } from './simulator.js';
import { startSimulator } from './start-simulator.js';

let sim: Simulator;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  sim = await startSimulator({ latency: 'none' });
  openai = new OpenAI({ baseURL: sim.openaiBaseURL, apiKey: 'test', maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: sim.anthropicBaseURL, apiKey: 'test', maxRetries: 0 });
});
afterEach(() => {
  sim.reset();
  vi.restoreAllMocks();
});
afterAll(() => sim.close());

const OPENAI_REQUEST = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content: 'Hi' }],
};
const ANTHROPIC_REQUEST = {
  model: 'claude-haiku-4-5',
  max_tokens: 256,
  messages: [{ role: 'user' as const, content: 'Hi' }],
};

function postOpenAI(body: unknown): Promise<Response> {
  return fetch(`${sim.openaiBaseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function postAnthropic(body: unknown): Promise<Response> {
  return fetch(`${sim.anthropicBaseURL}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('handleGeneration', () => {
  it('should send a 429 with retry-after headers and the OpenAI error shape', async () => {
    sim.injectFault({ type: 'status', status: 429, retryAfterSeconds: 2, retryAfterMs: 1500 });
    const response = await postOpenAI(OPENAI_REQUEST);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.headers.get('retry-after-ms')).toBe('1500');
    expect(await response.json()).toEqual({
      error: {
        message: expect.any(String),
        type: 'rate_limit_exceeded',
        param: null,
        code: 'rate_limit_exceeded',
      },
    });
    expect(sim.requests[0]).toMatchObject({ status: 429, fault: 'status', completed: true });
  });

  it('should surface a 429 as the OpenAI SDK RateLimitError with its code', async () => {
    sim.injectFault({
      type: 'status',
      status: 429,
      code: 'insufficient_quota',
      retryAfterSeconds: 1,
    });
    const error = await openai.chat.completions
      .create(OPENAI_REQUEST)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({
      status: 429,
      code: 'insufficient_quota',
      type: 'insufficient_quota',
    });
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe(
      '1',
    );
  });

  it('should surface a 429 as the Anthropic SDK RateLimitError', async () => {
    sim.injectFault({ type: 'status', status: 429, retryAfterSeconds: 3 });
    const error = await anthropic.messages
      .create(ANTHROPIC_REQUEST)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect(error).toMatchObject({
      status: 429,
      error: { type: 'error', error: { type: 'rate_limit_error' } },
    });
  });

  it('should surface 500 and 503 as server errors in both SDKs', async () => {
    sim.injectFault({ type: 'status', status: 500 });
    await expect(openai.chat.completions.create(OPENAI_REQUEST)).rejects.toBeInstanceOf(
      OpenAI.InternalServerError,
    );
    sim.injectFault({ type: 'status', status: 503, times: 2 });
    await expect(openai.chat.completions.create(OPENAI_REQUEST)).rejects.toMatchObject({
      status: 503,
    });
    await expect(anthropic.messages.create(ANTHROPIC_REQUEST)).rejects.toBeInstanceOf(
      Anthropic.InternalServerError,
    );
    sim.injectFault({ type: 'status', status: 500, api: 'anthropic' });
    await expect(anthropic.messages.create(ANTHROPIC_REQUEST)).rejects.toMatchObject({
      status: 500,
      error: { error: { type: 'api_error' } },
    });
  });

  it('should surface a 529 as the Anthropic SDK overloaded error', async () => {
    sim.injectFault({ type: 'status', status: 529 });
    const error = await anthropic.messages
      .create(ANTHROPIC_REQUEST)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.InternalServerError);
    expect(error).toMatchObject({ status: 529, error: { error: { type: 'overloaded_error' } } });
  });

  it.each([
    [400, 'invalid_request_error', 'invalid_request_error'],
    [401, 'invalid_request_error', 'authentication_error'],
    [404, 'invalid_request_error', 'not_found_error'],
    [408, 'timeout', 'timeout_error'],
    [409, 'invalid_request_error', 'conflict_error'],
  ])(
    'should send status %i in each provider’s error shape',
    async (status, openaiType, anthropicType) => {
      sim.injectFault({ type: 'status', status, times: 2 });
      const openaiResponse = await postOpenAI(OPENAI_REQUEST);
      expect(openaiResponse.status).toBe(status);
      expect(await openaiResponse.json()).toMatchObject({
        error: { type: openaiType, message: expect.any(String) },
      });
      const anthropicResponse = await postAnthropic(ANTHROPIC_REQUEST);
      expect(anthropicResponse.status).toBe(status);
      expect(await anthropicResponse.json()).toMatchObject({
        type: 'error',
        error: { type: anthropicType },
      });
    },
  );

  it('should apply a fault only to matching requests, for its number of times', async () => {
    sim.injectFault({ type: 'status', status: 500, match: 'fail me', times: 2 });
    await expect(openai.chat.completions.create(OPENAI_REQUEST)).resolves.toBeDefined();
    const failing = {
      ...OPENAI_REQUEST,
      messages: [{ role: 'user' as const, content: 'please fail me' }],
    };
    await expect(openai.chat.completions.create(failing)).rejects.toMatchObject({ status: 500 });
    await expect(openai.chat.completions.create(failing)).rejects.toMatchObject({ status: 500 });
    await expect(openai.chat.completions.create(failing)).resolves.toBeDefined();
  });

  it('should make the OpenAI SDK stream throw when the connection drops mid-stream', async () => {
    sim.injectFault({ type: 'drop', afterTokens: 3 });
    const stream = await openai.chat.completions.create({ ...OPENAI_REQUEST, stream: true });
    let tokens = 0;
    const consume = async () => {
      for await (const chunk of stream) if (chunk.choices[0]?.delta.content) tokens++;
    };
    await expect(consume()).rejects.toThrow();
    expect(tokens).toBe(3);
    expect(sim.requests[0]).toMatchObject({ fault: 'drop', completed: false, disconnected: false });
  });

  it('should make the Anthropic SDK stream throw when the connection drops mid-stream', async () => {
    sim.injectFault({ type: 'drop', afterTokens: 2 });
    const texts: string[] = [];
    const stream = anthropic.messages
      .stream(ANTHROPIC_REQUEST)
      .on('text', (text) => texts.push(text));
    await expect(stream.finalMessage()).rejects.toThrow();
    expect(texts).toHaveLength(2);
  });

  it('should make a JSON request fail with a connection error when dropped', async () => {
    sim.injectFault({ type: 'drop' });
    await expect(openai.chat.completions.create(OPENAI_REQUEST)).rejects.toBeInstanceOf(
      OpenAI.APIConnectionError,
    );
    sim.injectFault({ type: 'drop' });
    await expect(anthropic.messages.create(ANTHROPIC_REQUEST)).rejects.toBeInstanceOf(
      Anthropic.APIConnectionError,
    );
    expect(sim.requests.map((request) => request.status)).toEqual([0, 0]);
  });

  it('should make the SDKs throw on a malformed JSON body', async () => {
    sim.injectFault({ type: 'malformed-json', times: 2 });
    const response = await postOpenAI(OPENAI_REQUEST);
    expect(response.status).toBe(200);
    await expect(response.clone().json()).rejects.toThrow(SyntaxError);
    await expect(openai.chat.completions.create(OPENAI_REQUEST)).rejects.toThrow();
    sim.injectFault({ type: 'malformed-json' });
    await expect(anthropic.messages.create(ANTHROPIC_REQUEST)).rejects.toThrow();
  });

  it('should make the SDK streams throw on a malformed data line', async () => {
    // Both SDKs log the unparsable line before throwing.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const silent = { logger: { error() {}, warn() {}, info() {}, debug() {} } };
    const quietOpenAI = new OpenAI({
      baseURL: sim.openaiBaseURL,
      apiKey: 'test',
      maxRetries: 0,
      ...silent,
    });
    const quietAnthropic = new Anthropic({
      baseURL: sim.anthropicBaseURL,
      apiKey: 'test',
      maxRetries: 0,
      ...silent,
    });
    sim.injectFault({ type: 'malformed-json', api: 'openai' });
    const stream = await quietOpenAI.chat.completions.create({ ...OPENAI_REQUEST, stream: true });
    const consume = async () => {
      for await (const _chunk of stream) {
        // drain
      }
    };
    await expect(consume()).rejects.toThrow(SyntaxError);
    sim.injectFault({ type: 'malformed-json', api: 'anthropic' });
    await expect(
      quietAnthropic.messages.stream(ANTHROPIC_REQUEST).finalMessage(),
    ).rejects.toThrow();
  });

  it('should delay the first token of a stream and a JSON reply on slow-first-token', async () => {
    sim.injectFault({ type: 'slow-first-token', delayMs: 300 });
    const started = performance.now();
    const stream = await openai.chat.completions.create({ ...OPENAI_REQUEST, stream: true });
    let firstTokenMs: number | undefined;
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) firstTokenMs ??= performance.now() - started;
    }
    expect(firstTokenMs).toBeGreaterThanOrEqual(250);

    sim.injectFault({ type: 'slow-first-token', delayMs: 300 });
    const jsonStarted = performance.now();
    await anthropic.messages.create(ANTHROPIC_REQUEST);
    expect(performance.now() - jsonStarted).toBeGreaterThanOrEqual(250);
    expect(sim.requests.map((request) => request.fault)).toEqual([
      'slow-first-token',
      'slow-first-token',
    ]);
  });

  it('should answer an unparsable body with 400 in the provider’s error shape', async () => {
    const openaiResponse = await postOpenAI('{not json');
    expect(openaiResponse.status).toBe(400);
    expect(await openaiResponse.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
    const anthropicResponse = await postAnthropic('{not json');
    expect(anthropicResponse.status).toBe(400);
    expect(await anthropicResponse.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error' },
    });
    expect(sim.requests.map((request) => [request.status, request.body])).toEqual([
      [400, undefined],
      [400, undefined],
    ]);
  });

  it('should reject a request without messages with a 400 the SDK raises', async () => {
    const invalid = {
      model: 'gpt-4o-mini',
    } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming;
    await expect(openai.chat.completions.create(invalid)).rejects.toBeInstanceOf(
      OpenAI.BadRequestError,
    );
    const noMaxTokens = {
      model: 'claude-haiku-4-5',
      messages: [],
    } as unknown as Anthropic.MessageCreateParamsNonStreaming;
    await expect(anthropic.messages.create(noMaxTokens)).rejects.toBeInstanceOf(
      Anthropic.BadRequestError,
    );
  });
});
