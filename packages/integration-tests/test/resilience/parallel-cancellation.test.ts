import { agent, createClient, parallelMap, prompt, setDefaultClient } from 'kagura-ts';
import { type Simulator, startSimulator } from 'kagura-ts/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator({ latency: { timeToFirstTokenMs: 200, tokensPerSecond: 100 } });
  setDefaultClient(
    createClient({
      openai: { baseURL: simulator.openaiBaseURL, apiKey: 'k' },
      anthropic: false,
      cache: false,
    }),
  );
});

afterAll(async () => {
  setDefaultClient(undefined);
  await simulator.close();
});

class Summariser {
  @agent({ model: 'openai:gpt-4o-mini' })
  summarise(document: string): Promise<string> {
    return prompt`Summarise: {{ document }}`;
  }
}

it('should close in-flight requests and start none after an abort in the middle of a parallelMap', async () => {
  const summariser = new Summariser();
  const controller = new AbortController();
  const documents = Array.from({ length: 12 }, (_, index) => `document ${index}`);
  // The agent takes no signal: each task runs inside its task signal, which reaches the call.
  const pending = parallelMap(documents, (document) => summariser.summarise(document), {
    concurrency: 3,
    abortSignal: controller.signal,
  });
  await simulator.waitFor((requests) => requests.length === 3);
  controller.abort();
  await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  await simulator.waitFor(
    (requests) => requests.filter((request) => request.disconnected).length === 3,
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(simulator.requests).toHaveLength(3);
});
