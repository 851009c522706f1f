import { AbortError, createClient } from '@kagura-ts/core';
import { type Simulator, startSimulator } from '@kagura-ts/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnthropic } from '../src/index.js';

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator({ latency: 'none' });
});
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

function client() {
  return createClient({
    providers: {
      anthropic: createAnthropic({ baseURL: simulator.anthropicBaseURL, apiKey: 'sk-ant-test' }),
      research: createAnthropic({
        name: 'research',
        baseURL: simulator.anthropicBaseURL,
        apiKey: 'sk-ant-research',
      }),
    },
    model: 'claude-haiku-4-5',
  });
}

describe('createClient with Anthropic providers', () => {
  it('should route bare claude names to anthropic and prefixed names to the second account', async () => {
    const kagura = client();
    expect((await kagura.call('Hello')).provider).toBe('anthropic');
    expect((await kagura.call('Hello', { model: 'research:claude-opus-5' })).provider).toBe(
      'research',
    );
    expect(simulator.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer sk-ant-test',
      'Bearer sk-ant-research',
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
