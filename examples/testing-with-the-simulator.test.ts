import { agent, createClient, prompt, setDefaultClient } from 'kagura';
import { type Simulator, startSimulator } from 'kagura/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';

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

it('should surface a rate limit as a retryable APICallError', async () => {
  simulator.injectFault({ type: 'status', status: 429, retryAfterSeconds: 2 });
  await expect(new Support().reply('Hello?')).rejects.toMatchObject({
    name: 'APICallError',
    statusCode: 429,
    isRetryable: true,
    retryAfterMs: 2000,
  });
});
