import { AbortError, createClient } from '@kagura-ts/core';
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
