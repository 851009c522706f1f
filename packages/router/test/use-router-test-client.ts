import { type Client, createClient, setDefaultClient } from '@kagura-ts/core';
import { createOpenAI } from '@kagura-ts/openai';
import type { Simulator, SimulatorRule } from '@kagura-ts/testing';
import { useSimulator } from '@kagura-ts/testing/vitest';
import { afterAll, beforeEach } from 'vitest';

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

/** What {@link useRouterTestClient} gives a test file; each accessor works inside a test or a hook. */
export interface RouterTestClient {
  /** The simulator, started with no latency and reset before each test. */
  simulator(): Simulator;
  /** This test's client: a fresh one (with an empty cache) before each test. */
  client(): Client;
  /** The chat request bodies the simulator received, in order. */
  bodies(): ChatBody[];
}

export interface RouterTestClientOptions {
  /**
   * Whether each test's client is the default client. `false` leaves no default client, for
   * tests of code that must use the client it is given. Either way none is left after the file.
   * @default true
   */
  defaultClient?: boolean;
}

/**
 * For a Vitest file or `describe` block: starts the simulator with `rules` (no latency) before
 * all its tests, and before each resets it and makes a fresh client against it (the default
 * client, unless `options` say otherwise); after all, clears the default client and closes it.
 */
export function useRouterTestClient(
  rules: SimulatorRule[] = [],
  options: RouterTestClientOptions = {},
): RouterTestClient {
  const simulator = useSimulator({ rules });
  let client: Client | undefined;
  beforeEach(() => {
    client = createClient({
      providers: {
        openai: createOpenAI({ baseURL: simulator().openaiBaseURL, apiKey: 'test-key' }),
      },
      model: 'openai:gpt-4o-mini',
    });
    setDefaultClient(options.defaultClient === false ? undefined : client);
  });
  afterAll(() => {
    setDefaultClient(undefined);
  });
  return {
    simulator,
    client: () => {
      if (client === undefined) {
        throw new Error(
          'useRouterTestClient: the client is made in beforeEach; use it inside a test or a hook.',
        );
      }
      return client;
    },
    bodies: () =>
      simulator()
        .requests.filter((request) => request.api === 'openai')
        .map((request) => request.body as ChatBody),
  };
}

/** The text of the last user message of a request body. */
export function lastUserText(body: ChatBody): string {
  return body.messages.filter((message) => message.role === 'user').at(-1)?.content ?? '';
}
