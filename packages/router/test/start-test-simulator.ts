import { type Client, createClient } from '@kagura-ts/core';
import { createOpenAI } from '@kagura-ts/openai';
import { type Simulator, type SimulatorRule, startSimulator } from '@kagura-ts/testing';

/** A simulator and a way to make fresh clients against it (a fresh client has an empty cache). */
export interface TestSimulator {
  simulator: Simulator;
  createTestClient(): Client;
  /** The chat request bodies the simulator received, in order. */
  bodies(): ChatBody[];
}

/** The parts of an OpenAI chat request body the tests look at. */
export interface ChatBody {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: {
    type: string;
    json_schema?: { name: string; schema: Record<string, unknown> };
  };
  stream?: boolean;
}

/** Starts the simulator with no latency, for tests that assert what the server saw. */
export async function startTestSimulator(rules: SimulatorRule[] = []): Promise<TestSimulator> {
  const simulator = await startSimulator({ latency: 'none', rules });
  return {
    simulator,
    createTestClient: () =>
      createClient({
        providers: {
          openai: createOpenAI({ baseURL: simulator.openaiBaseURL, apiKey: 'test-key' }),
        },
        model: 'openai:gpt-4o-mini',
      }),
    bodies: () =>
      simulator.requests
        .filter((request) => request.api === 'openai')
        .map((request) => request.body as ChatBody),
  };
}

/** The text of the last user message of a request body. */
export function lastUserText(body: ChatBody): string {
  return body.messages.filter((message) => message.role === 'user').at(-1)?.content ?? '';
}
