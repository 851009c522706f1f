import { agent, callLLM, createClient, prompt, setDefaultClient } from 'kagura-ts';
import { type Simulator, startSimulator } from 'kagura-ts/testing';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

class Support {
  @agent({ model: 'openai:gpt-4o-mini' })
  reply(question: string): Promise<string> {
    return prompt`Answer the customer: {{ question }}`;
  }
}

let simulator: Simulator;

beforeAll(async () => {
  // A real HTTP server on a free loopback port, replying at once.
  simulator = await startSimulator({ latency: 'none' });
  setDefaultClient(
    createClient({
      openai: { baseURL: simulator.openaiBaseURL, apiKey: 'test' },
      anthropic: false,
    }),
  );
});

afterAll(async () => {
  setDefaultClient(undefined);
  await simulator.close();
});

beforeEach(() => {
  simulator.reset();
});

it('should answer refund questions from the script', async () => {
  simulator.addRule({ match: /refund/i, reply: 'Refunds take 5 days.' });
  await expect(new Support().reply('How long does a refund take?')).resolves.toBe(
    'Refunds take 5 days.',
  );
  // Assert on what the server saw, not only on what came back.
  expect(simulator.requests[0]?.body).toMatchObject({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Answer the customer: How long does a refund take?' }],
  });
});

it('should retry a rate limit after the retry-after the server asks for', async () => {
  simulator.injectFault({ type: 'status', status: 429, retryAfterMs: 20 });
  await expect(new Support().reply('Busy?')).resolves.toBeTypeOf('string');
  expect(simulator.requests.map((request) => request.status)).toEqual([429, 200]);
});

it('should surface a rate limit as a retryable APICallError when retries are spent', async () => {
  simulator.injectFault({ type: 'status', status: 429, retryAfterSeconds: 2 });
  const error = await callLLM('Hello?', { retry: { maxRetries: 0 } }).catch((caught) => caught);
  expect(error).toMatchObject({
    name: 'APICallError',
    statusCode: 429,
    isRetryable: true,
    retryAfterMs: 2000,
  });
});
